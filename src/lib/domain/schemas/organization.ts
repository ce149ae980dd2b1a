import type { Draft } from '../common';
import { isTimeZone } from '../dates';
import { STAGES } from '../assessment';
import { windowProblem, type MonitoringWindow } from '../monitoring';
import { ORGANIZATION_KINDS, type Organization } from '../organization';
import {
	bool,
	date,
	issue,
	nullable,
	objectSchema,
	oneOf,
	text,
	uuid,
	type Issue,
	type Validator
} from '../validation';

const YEAR_KEY = /^\d{4}$/;

/**
 * Monitoring windows (monitoring.ts): years as keys, then stages, each a window inside its
 * academic year with from ≤ to. Whether a municipality's window lies inside its region's is the
 * server's check (it needs the parent's row); the admin's form checks it before saving.
 */
const monitoring = (): Validator => (value, path) => {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return [issue(path, 'invalid_type')];
	const years = Object.entries(value as Record<string, unknown>);
	if (years.length > 50) return [issue(path, 'too_long', { max: 50 })];
	return years.flatMap(([year, stages]) => {
		const at = `${path}.${year}`;
		const start = Number(year);
		if (!YEAR_KEY.test(year) || start < 2000 || start > 2100) return [issue(at, 'invalid_option')];
		if (typeof stages !== 'object' || stages === null || Array.isArray(stages)) return [issue(at, 'invalid_type')];
		return Object.entries(stages as Record<string, unknown>).flatMap(([stage, window]) => {
			const here = `${at}.${stage}`;
			if (!(STAGES as readonly string[]).includes(stage)) return [issue(here, 'invalid_option')];
			const w = window as Partial<MonitoringWindow> | null;
			if (typeof w !== 'object' || w === null) return [issue(here, 'invalid_type')];
			const dates = [...date()(w.from, `${here}.from`), ...date()(w.to, `${here}.to`)];
			if (dates.length) return dates;
			const problem = windowProblem(w as MonitoringWindow, start);
			if (problem === 'order') return [issue(`${here}.to`, 'date_before', { min: w.from! })];
			if (problem) return [issue(here, 'out_of_range')];
			return [];
		});
	});
};

/** An IANA zone name (dates.ts isTimeZone); the database checks the same against pg_timezone_names. */
const timeZone = (): Validator => (value, path) => (isTimeZone(value) ? [] : [issue(path, 'invalid_option')]);

export const organizationSchema = /* @__PURE__ */ objectSchema<Draft<Organization>>({
	kind: oneOf(ORGANIZATION_KINDS),
	name: text({ required: true, max: 200 }),
	shortName: nullable(text({ max: 200 })),
	parentId: nullable(uuid()),
	lowResults: bool(),
	adverseConditions: bool(),
	program500: bool(),
	timeZone: nullable(timeZone()),
	closedOn: nullable(date()),
	monitoring: monitoring(),
	mentorsApprovePlans: bool()
})
	// The tree has a region at the top and nothing parentless below it.
	.refine(['kind', 'parentId'], (o) => {
		if (o.kind === 'region' && o.parentId !== null) return [issue('parentId', 'not_allowed')];
		if (o.kind !== 'region' && o.parentId === null) return [issue('parentId', 'required')];
		return [];
	})
	.refine(['kind', 'lowResults', 'adverseConditions', 'program500'], (o) => {
		if (o.kind === 'school') return [];
		const issues: Issue[] = [];
		if (o.lowResults) issues.push(issue('lowResults', 'not_allowed'));
		if (o.adverseConditions) issues.push(issue('adverseConditions', 'not_allowed'));
		if (o.program500) issues.push(issue('program500', 'not_allowed'));
		return issues;
	})
	// Only a region and a municipality set monitoring windows.
	.refine(['kind', 'monitoring'], (o) =>
		o.kind === 'region' || o.kind === 'municipality' || Object.keys(o.monitoring).length === 0
			? []
			: [issue('monitoring', 'not_allowed')]
	);
