import { describe, expect, it } from 'vitest';
import { buildDeficit, codesOf } from '../testing/builders';
import { deficitSchema } from './deficit';

describe('deficitSchema', () => {
	it('accepts a valid deficit', () => {
		expect(deficitSchema.validate(buildDeficit())).toEqual([]);
	});
	it('refuses indicators of another competency and repeated ones', () => {
		const d = buildDeficit({ indicatorIds: ['evaluation.1', 'motivation.1', 'evaluation.1'] });
		expect(codesOf(deficitSchema.validate(d))).toEqual(['indicatorIds.1:mismatch', 'indicatorIds.2:duplicate']);
	});
	it('refuses a history that does not end at the status', () => {
		expect(codesOf(deficitSchema.validate(buildDeficit({ status: 'overcome' })))).toEqual(['history:mismatch']);
	});
	it('reports unknown sources and statuses and too long descriptions', () => {
		const d = buildDeficit({
			source: 'rumour' as never,
			status: 'gone' as never,
			description: 'x'.repeat(4001),
			history: []
		});
		expect(codesOf(deficitSchema.validate(d))).toEqual([
			'description:too_long',
			'source:invalid_option',
			'status:invalid_option'
		]);
	});
});
