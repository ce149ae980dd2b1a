import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Framework } from './framework';
import { DEFAULT_FRAMEWORK as F } from './frameworks/default';
import {
	ACTION_TITLE_MAX,
	DETAIL_FIELDS,
	OBSERVER_FIELDS,
	TEACHER_FIELDS,
	acknowledgeObservation,
	actionTitleOf,
	canAcknowledge,
	canEditObservation,
	fieldOwner,
	fieldsOutside,
	linkRecommendation,
	lookFors,
	observationStage,
	protocolGroups,
	protocolIndicatorIds,
	setObservationScore,
	submitIssues,
	submitObservation,
	suggestedRecommendations,
	type UnownedObservationField
} from './observation';
import { observationSchema } from './schemas/observation';
import { buildObservation, codesOf, uuid } from './testing/builders';

const AT = '2026-10-06T09:00:00.000Z';
const rec = (
	n: number,
	over: Partial<{ competencyId: string | null; deficitId: string | null; actionId: string | null }> = {}
) => ({
	id: uuid(900 + n),
	text: `Рекомендация ${n}`,
	competencyId: 'evaluation',
	deficitId: null,
	actionId: null,
	...over
});

function frameworkOf(competencies: Framework['competencies']): Framework {
	return { ...F, competencies };
}

describe('field ownership', () => {
	it('splits every field of the row between the observer and the teacher, with no field in both', () => {
		expectTypeOf<UnownedObservationField>().toBeNever();
		const all = Object.keys(observationSchema.shape).sort();
		expect([...OBSERVER_FIELDS, ...TEACHER_FIELDS].sort()).toEqual(all);
		expect(OBSERVER_FIELDS.filter((f) => (TEACHER_FIELDS as readonly string[]).includes(f))).toEqual([]);
	});

	it('gives the teacher only the acknowledgement and the reflection', () => {
		expect([...TEACHER_FIELDS]).toEqual(['acknowledgedAt', 'reflection']);
		expect(fieldOwner('reflection')).toBe('teacher');
		expect(fieldOwner('scores')).toBe('observer');
		expect(fieldOwner('id')).toBeNull();
		expect(DETAIL_FIELDS.every((f) => fieldOwner(f) === 'observer')).toBe(true);
	});

	it('names the keys of a patch that fall outside what a writer may change', () => {
		expect(fieldsOutside({ topic: 'Дроби', reflection: 'Согласна' }, DETAIL_FIELDS)).toEqual(['reflection']);
		expect(fieldsOutside({ topic: 'Дроби' }, DETAIL_FIELDS)).toEqual([]);
	});
});

describe('look-fors of the quick mode', () => {
	it('are the indicators of every meta-subject competency, one group per competency', () => {
		const groups = lookFors(F);
		expect(groups.map((g) => g.competency.id)).toEqual([
			'goal-setting',
			'motivation',
			'technology',
			'methodology',
			'information',
			'communication',
			'evaluation'
		]);
		expect(groups.every((g) => g.indicators.length === g.competency.indicators.length)).toBe(true);
		expect(groups.length).toBeLessThanOrEqual(F.competencies.length);
	});

	it('fall back to every indicator for a framework with no meta competency, never adding a group', () => {
		const subjectOnly = frameworkOf(F.competencies.filter((c) => c.group === 'subject'));
		expect(lookFors(subjectOnly).map((g) => g.competency.id)).toEqual([
			'subject-knowledge',
			'subject-methods',
			'exam-readiness'
		]);
		const withEmpty = frameworkOf([
			...F.competencies,
			{ id: 'empty', group: 'meta', title: 'Пустая', description: '', indicators: [] }
		]);
		expect(lookFors(withEmpty).some((g) => g.competency.id === 'empty')).toBe(false);
	});

	it('leave the full protocol every indicator of the framework', () => {
		expect(protocolGroups(F, 'full')).toHaveLength(F.competencies.length);
		expect(protocolIndicatorIds(F, 'full')).toHaveLength(38);
		expect(protocolIndicatorIds(F, 'quick')).toHaveLength(29);
	});
});

describe('suggestedRecommendations', () => {
	it('offers each indicator scored 0 or 1, in framework order, as ids', () => {
		expect(
			suggestedRecommendations(F, { 'evaluation.2': 0, 'goal-setting.1': 1, 'motivation.1': 2, 'technology.3': 3 })
		).toEqual([
			{ competencyId: 'goal-setting', indicatorId: 'goal-setting.1' },
			{ competencyId: 'evaluation', indicatorId: 'evaluation.2' }
		]);
	});

	it('offers nothing for unscored indicators or ids outside the framework', () => {
		expect(suggestedRecommendations(F, {})).toEqual([]);
		expect(suggestedRecommendations(F, { 'gone.1': 0 })).toEqual([]);
	});
});

describe('submitting', () => {
	it('needs one scored look-for in quick mode and nothing typed', () => {
		const blank = buildObservation({ className: '', subject: '', topic: '' });
		expect(codesOf(submitIssues(F, blank))).toEqual(['scores:required']);
		const scored = { ...blank, scores: { 'motivation.1': 2 as const } };
		expect(submitIssues(F, scored)).toEqual([]);
		const result = submitObservation(F, scored);
		expect(result.ok && result.value.status).toBe('submitted');
	});

	it('does not count a subject score as a look-for in quick mode', () => {
		expect(codesOf(submitIssues(F, buildObservation({ scores: { 'subject-knowledge.1': 2 } })))).toEqual([
			'scores:required'
		]);
	});

	it('needs class, subject, topic and a score in the full protocol', () => {
		const blank = buildObservation({ mode: 'full', className: ' ', subject: '', topic: '' });
		expect(codesOf(submitIssues(F, blank))).toEqual([
			'className:required',
			'scores:required',
			'subject:required',
			'topic:required'
		]);
		expect(submitIssues(F, buildObservation({ mode: 'full', scores: { 'subject-knowledge.1': 1 } }))).toEqual([]);
	});

	it('refuses scores of another framework and a second submission', () => {
		expect(
			codesOf(submitIssues(F, buildObservation({ scores: { 'motivation.1': 2, 'gone.1': 1 }, frameworkVersion: 2 })))
		).toEqual(['frameworkVersion:mismatch', 'scores[gone.1]:invalid_option']);
		expect(submitObservation(F, buildObservation({ status: 'submitted', scores: { 'motivation.1': 2 } }))).toEqual({
			ok: false,
			error: 'already_submitted'
		});
		expect(submitObservation(F, buildObservation())).toEqual({ ok: false, error: 'incomplete' });
	});

	it('makes the observer fields immutable once submitted', () => {
		const submitted = buildObservation({ status: 'submitted' });
		expect(canEditObservation(submitted)).toBe(false);
		expect(setObservationScore(submitted, 'motivation.1', 3)).toEqual({ ok: false, error: 'submitted' });
		const draft = setObservationScore(buildObservation(), 'motivation.1', 3);
		expect(draft.ok && draft.value.scores).toEqual({ 'motivation.1': 3 });
	});
});

describe('linking a recommendation', () => {
	const submitted = buildObservation({
		status: 'submitted',
		recommendations: [rec(1), rec(2, { competencyId: null })]
	});

	it('sets a link once, on a submitted observation only', () => {
		const linked = linkRecommendation(submitted, uuid(901), { deficitId: uuid(41) });
		expect(linked.ok && linked.value.recommendations[0]).toMatchObject({
			deficitId: uuid(41),
			actionId: null,
			text: 'Рекомендация 1'
		});
		expect(
			linkRecommendation(buildObservation({ recommendations: [rec(1)] }), uuid(901), { deficitId: uuid(41) })
		).toEqual({ ok: false, error: 'draft' });
		expect(linkRecommendation(submitted, uuid(999), { actionId: uuid(42) })).toEqual({ ok: false, error: 'not_found' });
	});

	it('never replaces a link with another, but accepts the same one again', () => {
		const once = linkRecommendation(submitted, uuid(901), { actionId: uuid(42) });
		if (!once.ok) throw new Error(once.error);
		expect(linkRecommendation(once.value, uuid(901), { actionId: uuid(43) })).toEqual({
			ok: false,
			error: 'already_linked'
		});
		expect(linkRecommendation(once.value, uuid(901), { actionId: uuid(42) }).ok).toBe(true);
	});

	it('fills in a missing competency, and only a missing one', () => {
		const filled = linkRecommendation(submitted, uuid(902), { competencyId: 'motivation', deficitId: uuid(41) });
		expect(filled.ok && filled.value.recommendations[1]).toMatchObject({
			competencyId: 'motivation',
			deficitId: uuid(41)
		});
		expect(linkRecommendation(submitted, uuid(901), { competencyId: 'motivation' })).toEqual({
			ok: false,
			error: 'already_linked'
		});
	});
});

describe('the teacher’s acknowledgement', () => {
	it('is possible once submitted and keeps the first time', () => {
		expect(canAcknowledge(buildObservation())).toBe(false);
		expect(acknowledgeObservation(buildObservation(), 'Спасибо', AT)).toEqual({ ok: false, error: 'draft' });
		const first = acknowledgeObservation(buildObservation({ status: 'submitted' }), 'Согласна', AT);
		if (!first.ok) throw new Error(first.error);
		expect(first.value).toMatchObject({ acknowledgedAt: AT, reflection: 'Согласна' });
		const again = acknowledgeObservation(first.value, 'Согласна, попробую группы', '2026-10-07T09:00:00.000Z');
		expect(again.ok && again.value).toMatchObject({ acknowledgedAt: AT, reflection: 'Согласна, попробую группы' });
	});

	it('shows in the stage a list reports', () => {
		expect(observationStage(buildObservation())).toBe('draft');
		expect(observationStage(buildObservation({ status: 'submitted' }))).toBe('submitted');
		expect(observationStage(buildObservation({ status: 'submitted', acknowledgedAt: AT }))).toBe('acknowledged');
	});
});

describe('actionTitleOf', () => {
	it('puts the recommendation on one line and cuts it to an action title', () => {
		expect(actionTitleOf('  Использовать\nгрупповую   работу ')).toBe('Использовать групповую работу');
		const long = actionTitleOf('а'.repeat(500));
		expect(Array.from(long)).toHaveLength(ACTION_TITLE_MAX);
		expect(long.endsWith('…')).toBe(true);
	});
});
