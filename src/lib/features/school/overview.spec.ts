import { describe, expect, it } from 'vitest';
import { freshDatabase } from '$lib/db/testing/fresh';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import { buildOrganization, IDS } from '$lib/domain/testing/builders';
import { load } from './overview';

describe('the school overview of a year', () => {
	it('reads that year’s assessments against the framework version in use that year', async () => {
		const db = freshDatabase('overview-versions');
		const v2 = {
			...structuredClone(DEFAULT_FRAMEWORK),
			id: '00000000-0000-4000-8000-00000000f002',
			revision: 2,
			academicYear: 2026
		};
		await db.frameworks.bulkPut([structuredClone(DEFAULT_FRAMEWORK), v2]);
		await db.organizations.put(buildOrganization({ id: IDS.school }));
		// Version 2 applies from 2026: last year's report is still read with version 1.
		expect((await load(db, IDS.school, '2026-12-07', 2025))!.framework.id).toBe(DEFAULT_FRAMEWORK.id);
		expect((await load(db, IDS.school, '2026-12-07', 2026))!.framework.id).toBe(v2.id);
		db.close();
	});
});
