import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as demo from '$lib/db/demo';
import { generateDemoSchool } from '$lib/demo/generate';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import type { AppDatabase } from '$lib/db/database';
import * as reports from './local';
import { flaggedSchools } from './report';

const NOW = '2026-11-22T09:00:00Z';
const YEAR = 2026;
const ACTOR = { profileId: null };
const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

async function demoDb(): Promise<{ db: AppDatabase; schoolId: string; municipalityId: string }> {
	const db = freshDatabase('reports-local');
	dbs.push(db);
	const data = generateDemoSchool({ framework: DEFAULT_FRAMEWORK, now: NOW });
	await demo.load(db, data);
	const school = data.organizations.find((o) => o.kind === 'school' && data.profiles.some((p) => p.schoolId === o.id))!;
	return { db, schoolId: school.id, municipalityId: school.parentId! };
}

describe('reports computed on the device', () => {
	it('give the school methodist every indicator of the school, unsuppressed, with the targets set on this device', async () => {
		const { db, schoolId } = await demoDb();
		await reports.setTarget(db, schoolId, YEAR, 'PD_ANY', 0.3, ACTOR);
		const report = (await reports.load(db, schoolId, YEAR, 'school'))!;
		expect(report.teachers).toBeGreaterThanOrEqual(5);
		expect(report.schools).toEqual([]);
		expect(report.indicators.map((r) => r.suppressed)).not.toContain(true);
		const pd = report.indicators.find((r) => r.code === 'PD_ANY')!;
		expect(pd.target).toBe(0.3);
		expect(pd.denominator).toBe(report.teachers);
		expect(report.staff.teachers).toBe(report.teachers);
		expect(report.staff.age!.reduce((s, c) => s + c.count, 0)).toBe(report.teachers);
		expect(report.competence.suppressed).toBe(false);
	});

	it('let a municipality’s target hold for its schools until the school sets its own', async () => {
		const { db, schoolId, municipalityId } = await demoDb();
		await reports.setTarget(db, municipalityId, YEAR, 'IOM', 0.6, ACTOR);
		expect((await reports.load(db, schoolId, YEAR, 'school'))!.indicators.find((r) => r.code === 'IOM')!.target).toBe(0.6);
		await reports.setTarget(db, schoolId, YEAR, 'IOM', 0.8, ACTOR);
		expect((await reports.load(db, schoolId, YEAR, 'school'))!.indicators.find((r) => r.code === 'IOM')!.target).toBe(0.8);
		await reports.setTarget(db, schoolId, YEAR, 'IOM', null, ACTOR);
		expect((await reports.load(db, schoolId, YEAR, 'school'))!.indicators.find((r) => r.code === 'IOM')!.target).toBe(0.6);
	});

	it('give the municipal reader a row per school, withholding every school under 5 teachers', async () => {
		const { db, schoolId, municipalityId } = await demoDb();
		const report = (await reports.load(db, municipalityId, YEAR, 'municipal'))!;
		expect(report.schools.length).toBeGreaterThanOrEqual(2);
		for (const row of report.schools) {
			if (row.teachers < 5) {
				expect(row.suppressed).toBe(true);
				expect(row.indicators.every((r) => r.suppressed && r.value === null && r.numerator === null)).toBe(true);
				expect(row.staff.age).toBeNull();
				expect(row.competence.heatmap).toBeNull();
			}
		}
		const own = report.schools.find((s) => s.school.id === schoolId)!;
		expect(own.suppressed).toBe(false);
		expect(report.teachers).toBe(report.schools.reduce((s, r) => s + r.teachers, 0));
		expect(flaggedSchools(report).every((s) => s.school.lowResults || s.school.adverseConditions)).toBe(true);
		expect(flaggedSchools(report).length).toBeGreaterThan(0);
	});
});
