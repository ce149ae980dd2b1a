import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALLOWED_TYPES, checkEvidenceFile, MAX_FILE_BYTES } from './limits';

describe('an evidence file, checked on the device before it is stored', () => {
	it('takes PDF, office documents and photos up to 10 MB, typed by the picker or by the extension', () => {
		expect(checkEvidenceFile({ name: 'udostoverenie.pdf', type: 'application/pdf', size: 300_000 })).toEqual({
			ok: true,
			mime: 'application/pdf'
		});
		expect(checkEvidenceFile({ name: 'Отчёт.DOCX', type: '', size: 20_000 })).toEqual({
			ok: true,
			mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		});
		expect(checkEvidenceFile({ name: 'plan.xlsx', type: 'application/octet-stream', size: 1 })).toMatchObject({
			ok: true
		});
		expect(checkEvidenceFile({ name: 'a.pdf', type: 'application/pdf', size: MAX_FILE_BYTES })).toMatchObject({
			ok: true
		});
	});

	it('refuses what the server would refuse, with the reason', () => {
		expect(checkEvidenceFile({ name: 'big.pdf', type: 'application/pdf', size: MAX_FILE_BYTES + 1 })).toEqual({
			ok: false,
			refusal: 'too_large'
		});
		expect(checkEvidenceFile({ name: 'setup.exe', type: 'application/x-msdownload', size: 10 })).toEqual({
			ok: false,
			refusal: 'unsupported_type'
		});
		expect(checkEvidenceFile({ name: 'archive.zip', type: '', size: 10 })).toEqual({
			ok: false,
			refusal: 'unsupported_type'
		});
		expect(checkEvidenceFile({ name: 'empty.pdf', type: 'application/pdf', size: 0 })).toEqual({
			ok: false,
			refusal: 'empty'
		});
	});

	it('knows the same types and limit as the bucket', () => {
		const migration = readFileSync('supabase/migrations/20261207001100_evidence_storage.sql', 'utf8');
		const listed = [...migration.matchAll(/'((?:image|application)\/[a-z0-9.+-]+)'/g)].map((m) => m[1]);
		expect([...new Set(listed)].sort()).toEqual([...ALLOWED_TYPES].sort());
		expect(migration).toContain(`'evidence', 'evidence', false, ${MAX_FILE_BYTES},`);
	});
});
