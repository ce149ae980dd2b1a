import type { SupabaseClient } from '@supabase/supabase-js';
import type { Stage } from '$lib/domain/assessment';
import type { Id } from '$lib/domain/common';
import type { Framework } from '$lib/domain/framework';
import type { IndicatorResult } from '$lib/domain/indicators';
import { withheldStaffBlock, type StaffProfileBlock } from '$lib/domain/staff-profile';
import { withheldBlock, type CompetenceBlock, type ReportAccess } from '$lib/domain/competence-report';
import type { Report, ScopeInfo } from '$lib/features/reports/report';
import type { AppDatabase } from '$lib/db/database';
import * as frameworks from '$lib/db/frameworks';
import { loadClient } from './auth';

/**
 * The municipal methodist's figures from the server: the device holds no teacher rows of other
 * schools, so the aggregates come from the report RPCs (supabase/migrations/20261122000700,
 * 0800, under disclosure control since 20261207000700), which check the caller's scope and
 * withhold what a reader who may not see individuals may not have. The answer is mapped into
 * the same Report the local computation gives.
 */

export interface IndicatorsAnswer {
	access: ReportAccess;
	teachers: number;
	indicators: IndicatorResult[];
	schools?: {
		school_id: Id;
		name: string;
		low_results: boolean;
		adverse_conditions: boolean;
		program500: boolean;
		teachers: number;
		suppressed: boolean;
		/** Withheld to protect a smaller school (disclosure control), not for its own size. */
		secondary?: boolean;
		indicators: IndicatorResult[];
	}[];
}
export interface StaffAnswer {
	scope: StaffProfileBlock;
	schools: (StaffProfileBlock & { schoolId: Id })[];
}
export interface CompetenceAnswer {
	scope: CompetenceBlock;
	schools: (CompetenceBlock & { schoolId: Id })[];
}

/** SQL numerics may arrive as strings; the screens want numbers. */
function numeric(row: IndicatorResult): IndicatorResult {
	const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
	return { ...row, value: n(row.value), target: n(row.target), previous: n(row.previous) };
}

/** The three answers as one Report (schools by name, as the indicators RPC orders them). */
export function reportOf(
	scope: ScopeInfo,
	academicYear: number,
	stage: Stage | null,
	framework: Framework,
	indicators: IndicatorsAnswer,
	staff: StaffAnswer,
	competence: CompetenceAnswer
): Report {
	return {
		scope,
		academicYear,
		stage,
		access: indicators.access,
		teachers: indicators.teachers,
		indicators: indicators.indicators.map(numeric),
		staff: staff.scope,
		competence: competence.scope,
		framework,
		schools: (indicators.schools ?? []).map((s) => ({
			school: {
				id: s.school_id,
				kind: 'school',
				name: s.name,
				shortName: null,
				lowResults: s.low_results,
				adverseConditions: s.adverse_conditions,
				program500: s.program500
			},
			teachers: s.teachers,
			suppressed: s.suppressed,
			secondary: s.secondary ?? false,
			indicators: s.indicators.map(numeric),
			staff: staff.schools.find((b) => b.schoolId === s.school_id) ?? withheldStaffBlock(0, staff.scope.date),
			competence: competence.schools.find((b) => b.schoolId === s.school_id) ?? withheldBlock(0)
		}))
	};
}

/** Fetch a scope's report; throws the RPC's error (42501 when the scope is not the caller's). */
export async function fetchReport(
	client: SupabaseClient,
	scope: ScopeInfo,
	academicYear: number,
	stage: Stage | null,
	framework: Framework
): Promise<Report> {
	const [indicators, staff, competence] = await Promise.all([
		client.rpc('report_indicators', { p_org: scope.id, p_year: academicYear, p_stage: stage }),
		client.rpc('report_staff_profile', { p_org: scope.id, p_year: academicYear }),
		client.rpc('report_competence', {
			p_org: scope.id,
			p_year: academicYear,
			p_framework: framework.id,
			p_stage: stage
		})
	]);
	for (const answer of [indicators, staff, competence]) if (answer.error) throw answer.error;
	return reportOf(
		scope,
		academicYear,
		stage,
		framework,
		indicators.data as IndicatorsAnswer,
		staff.data as StaffAnswer,
		competence.data as CompetenceAnswer
	);
}

/** The scope's report for the signed-in caller, against the device's current framework. */
export async function fetchCurrent(
	db: AppDatabase,
	scope: ScopeInfo,
	academicYear: number,
	stage: Stage | null
): Promise<Report> {
	// The version in use that year: a report of a year before version 2 asks for version 1's figures.
	const [client, framework] = await Promise.all([loadClient(), frameworks.current(db, academicYear)]);
	return fetchReport(client, scope, academicYear, stage, framework);
}
