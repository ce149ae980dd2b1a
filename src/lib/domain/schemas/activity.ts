import { ACTIVITY_KINDS, COMMUNITY_TYPES, COMPETITION_LEVELS, type Activity } from '../activity';
import type { Draft } from '../common';
import { bool, date, issue, nullable, num, objectSchema, oneOf, text, uuid, type Issue } from '../validation';
import { HOURS_LIMITS } from './development-plan';

export const activitySchema = /* @__PURE__ */ objectSchema<Draft<Activity>>({
	teacherId: uuid(),
	kind: oneOf(ACTIVITY_KINDS),
	title: text({ required: true, max: 300 }),
	startDate: date(),
	endDate: nullable(date()),
	provider: text({ max: 300 }),
	hours: nullable(num(HOURS_LIMITS)),
	certificate: text({ max: 200 }),
	qualityRelated: bool(),
	completed: bool(),
	communityType: nullable(oneOf(COMMUNITY_TYPES)),
	competitionLevel: nullable(oneOf(COMPETITION_LEVELS)),
	result: text({ max: 300 }),
	planActionId: nullable(uuid())
})
	.refine(['startDate', 'endDate'], (a) =>
		a.endDate !== null && a.endDate < a.startDate ? [issue('endDate', 'date_before', { min: a.startDate })] : []
	)
	// PD_ANY and PD_QUALITY count a course in the year it ended, so a completed course needs its end.
	.refine(['kind', 'completed', 'endDate'], (a) =>
		a.kind === 'course' && a.completed && a.endDate === null ? [issue('endDate', 'required')] : []
	)
	// Kind-specific fields: required for their kind (the indicators group by them), empty otherwise.
	.refine(['kind', 'communityType', 'competitionLevel', 'qualityRelated'], (a) => {
		const issues: Issue[] = [];
		if (a.kind === 'community' && a.communityType === null) issues.push(issue('communityType', 'required'));
		if (a.kind !== 'community' && a.communityType !== null) issues.push(issue('communityType', 'not_allowed'));
		if (a.kind === 'competition' && a.competitionLevel === null) issues.push(issue('competitionLevel', 'required'));
		if (a.kind !== 'competition' && a.competitionLevel !== null) issues.push(issue('competitionLevel', 'not_allowed'));
		if (a.kind !== 'course' && a.qualityRelated) issues.push(issue('qualityRelated', 'not_allowed'));
		return issues;
	});
