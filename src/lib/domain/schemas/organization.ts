import type { Draft } from '../common';
import { isTimeZone } from '../dates';
import { ORGANIZATION_KINDS, type Organization } from '../organization';
import { bool, issue, nullable, objectSchema, oneOf, text, uuid, type Issue, type Validator } from '../validation';

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
	timeZone: nullable(timeZone())
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
	});
