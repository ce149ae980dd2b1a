import type { Stage } from '$lib/domain/assessment';
import type { Id } from '$lib/domain/common';
import type { Organization } from '$lib/domain/organization';
import type { Framework } from '$lib/domain/framework';
import type { IndicatorResult } from '$lib/domain/indicators';
import type { StaffProfileBlock } from '$lib/domain/staff-profile';
import type { CompetenceBlock, ReportAccess } from '$lib/domain/competence-report';

/**
 * Everything the methodists' screens, exports and the analytical note show for one scope and
 * academic year — the same shape whether it was computed on the device (local.ts, through the
 * src/lib/domain definitions) or fetched from the report RPCs (supabase/reports.ts).
 */

/** The organisation a report is about, as far as the screens need it. */
export type ScopeInfo = Pick<
	Organization,
	'id' | 'kind' | 'name' | 'shortName' | 'lowResults' | 'adverseConditions' | 'program500'
>;

export interface SchoolReport {
	school: ScopeInfo;
	teachers: number;
	/** Withheld whole from an aggregate-only reader: below N teachers, or to protect such a school. */
	suppressed: boolean;
	/** Withheld although it holds N teachers (disclosure.ts): to protect a smaller school. */
	secondary?: boolean;
	indicators: IndicatorResult[];
	staff: StaffProfileBlock;
	competence: CompetenceBlock;
}

export interface Report {
	scope: ScopeInfo;
	academicYear: number;
	/** The monitoring stage looked at (domain/report-stage.ts); null: итоговая, DOMAIN's growth rule. */
	stage: Stage | null;
	access: ReportAccess;
	teachers: number;
	indicators: IndicatorResult[];
	staff: StaffProfileBlock;
	competence: CompetenceBlock;
	/** The framework the competence figures were computed against (competency titles). */
	framework: Framework;
	/** Per school of a municipal (or regional) scope, by name; [] for a school scope. */
	schools: SchoolReport[];
}

/** ШНОР / ШНСУ schools of a report, for the flagged list. */
export function flaggedSchools(report: Report): SchoolReport[] {
	return report.schools.filter((s) => s.school.lowResults || s.school.adverseConditions);
}

export function schoolOf(report: Report, id: Id): SchoolReport | undefined {
	return report.schools.find((s) => s.school.id === id);
}

export function scopeInfo(org: Organization): ScopeInfo {
	const { id, kind, name, shortName, lowResults, adverseConditions, program500 } = org;
	return { id, kind, name, shortName, lowResults, adverseConditions, program500 };
}
