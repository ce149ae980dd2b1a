import { describe, expect, it } from 'vitest';
import { toEnvelope, type Mutation } from './transport';

const mutation = (fields: Record<string, unknown>): Mutation => ({
	seq: 41,
	mutation_id: '5b6c0000-0000-4000-8000-000000000001',
	table: 'activities',
	row_id: '9e2f0000-0000-4000-8000-000000000002',
	op: 'upsert',
	fields,
	base: {}
});

describe('the envelope of a mutation', () => {
	it('carries the mutation as JSON text, with its seq and mutation id beside it', () => {
		const m = mutation({ title: 'Курс', hours: 36, evidence: [{ kind: 'link' }] });
		const envelope = toEnvelope(m);
		expect(envelope).toEqual({ seq: 41, mutation_id: m.mutation_id, mutation: JSON.stringify(m) });
		expect(JSON.parse(envelope.mutation)).toEqual(m);
	});

	it('keeps the call flat and readable whatever a field holds: U+0000 and a lone surrogate stay escapes inside the text', () => {
		const envelope = toEnvelope(mutation({ title: 'a\u0000b', result: 'half \ud83d' }));
		const call = JSON.stringify([envelope]);
		// The call itself is plain ASCII escapes around a string: nothing in it for PostgreSQL to refuse.
		expect(call.includes('\u0000')).toBe(false);
		expect(call).not.toMatch(/[\ud800-\udfff]/);
		expect(envelope.mutation).toContain('a\\u0000b');
		expect(envelope.mutation).toContain('half \\ud83d');
		expect(JSON.parse(call)[0].mutation).toBe(envelope.mutation);
	});
});
