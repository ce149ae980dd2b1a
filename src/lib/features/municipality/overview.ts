import type { Id, IsoDate } from '$lib/domain/common';
import type { Organization } from '$lib/domain/organization';
import { academicYearOf } from '$lib/domain/academic-year';
import { MIN_GROUP_SIZE, suppressed } from '$lib/domain/privacy';
import type { AppDatabase } from '$lib/db/database';
import * as assessments from '$lib/db/assessments';
import * as organizations from '$lib/db/organizations';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';

export interface SchoolRow {
	school: Organization;
	teachers: number;
	/** null: fewer than MIN_GROUP_SIZE teachers, shown as «недостаточно данных». */
	entryShare: number | null;
	planShare: number | null;
}

/**
 * Per-school aggregates for the municipal methodist: counts and shares only, never a person, and
 * nothing for a school with fewer than MIN_GROUP_SIZE teachers.
 */
export async function load(db: AppDatabase, municipalityId: Id | null, today: IsoDate): Promise<{ municipality: Organization | null; schools: SchoolRow[] }> {
	const all = await organizations.listAll(db);
	const municipality = (municipalityId ? all.find((o) => o.id === municipalityId) : all.find((o) => o.kind === 'municipality')) ?? null;
	if (!municipality) return { municipality: null, schools: [] };
	const year = academicYearOf(today);
	const [submitted, yearPlans] = await Promise.all([assessments.listSubmittedForYear(db, year), plans.listForYear(db, year)]);
	const rows: SchoolRow[] = [];
	for (const school of all.filter((o) => o.parentId === municipality.id && o.kind === 'school')) {
		const staff = await profiles.listForSchool(db, school.id);
		const ids = new Set(staff.map((p) => p.id));
		const entry = new Set(submitted.filter((a) => ids.has(a.teacherId) && a.stage === 'entry').map((a) => a.teacherId)).size;
		const planned = new Set(yearPlans.filter((p) => ids.has(p.teacherId) && p.status !== 'draft').map((p) => p.teacherId)).size;
		const hidden = suppressed(staff.length);
		rows.push({
			school,
			teachers: staff.length,
			entryShare: hidden ? null : entry / staff.length,
			planShare: hidden ? null : planned / staff.length
		});
	}
	return { municipality, schools: rows };
}

export { MIN_GROUP_SIZE };
