import { describe, expect, it } from 'vitest';
import { COMPETENCY_ID_PATTERN, INDICATOR_ID_PATTERN, type Framework } from './framework';
import { DEFAULT_FRAMEWORK } from './frameworks/default';
import {
	copyAsDraft,
	diffFrameworks,
	draftOf,
	isUnchanged,
	latestPublished,
	moved,
	newCompetency,
	newCompetencyId,
	newIndicatorId,
	nextRevision,
	previousPublished,
	publishRefusals,
	usedIds
} from './framework-draft';
import { uuid } from './testing/builders';

/** A version of the default framework with overrides (a published revision 1 by default). */
function version(overrides: Partial<Framework> = {}): Framework {
	return { ...structuredClone(DEFAULT_FRAMEWORK), ...overrides };
}

function draftFrom(source: Framework, overrides: Partial<Framework> = {}): Framework {
	return {
		...source,
		...copyAsDraft(source, source.revision + 1, 2027),
		id: uuid(902),
		...overrides
	};
}

describe('a draft copied from a published version', () => {
	it('keeps the competencies, indicator ids and scale, under the next revision and the given year', () => {
		const draft = copyAsDraft(DEFAULT_FRAMEWORK, 2, 2027);
		expect(draft).toMatchObject({
			code: DEFAULT_FRAMEWORK.code,
			revision: 2,
			status: 'draft',
			academicYear: 2027,
			publishedAt: null
		});
		expect(draft.competencies).toEqual(DEFAULT_FRAMEWORK.competencies);
		expect(draft.scale).toEqual(DEFAULT_FRAMEWORK.scale);
		expect('id' in draft).toBe(false);
		// A deep copy: editing the draft never reaches the published version.
		draft.competencies[0]!.indicators[0]!.text = 'Другое';
		expect(DEFAULT_FRAMEWORK.competencies[0]!.indicators[0]!.text).not.toBe('Другое');
	});

	it('takes the revision above every version of its code and finds the one draft', () => {
		const v1 = version();
		const v2 = version({ id: uuid(2), revision: 2, academicYear: 2026 });
		const other = version({ id: uuid(3), code: 'lesson-rubric', revision: 7 });
		expect(nextRevision([v1, v2, other], v1.code)).toBe(3);
		expect(nextRevision([other], v1.code)).toBe(1);
		expect(latestPublished([v1, v2, other], v1.code)).toBe(v2);
		expect(draftOf([v1, v2], v1.code)).toBeNull();
		const draft = draftFrom(v2);
		expect(draftOf([v1, v2, draft], v1.code)).toBe(draft);
		expect(draftOf([v1, v2, { ...draft, deletedAt: '2026-12-01T00:00:00.000Z' }], v1.code)).toBeNull();
		expect(previousPublished([v1, v2, draft], draft)).toBe(v2);
	});
});

describe('new ids', () => {
	it('give a new indicator <competency>.n<k>, never an id any version used', () => {
		const used = usedIds([version()]);
		expect(newIndicatorId('goal-setting', used)).toBe('goal-setting.n1');
		const after = new Set([...used, 'goal-setting.n1', 'goal-setting.n2']);
		expect(newIndicatorId('goal-setting', after)).toBe('goal-setting.n3');
		expect(newIndicatorId('goal-setting', after)).toMatch(INDICATOR_ID_PATTERN);
	});

	it('give a new competency a c-<slug> id, longer while a shorter one is taken', () => {
		const random = 'A1B2C3D4-E5F6-4000-8000-000000000000';
		expect(newCompetencyId(random, new Set())).toBe('c-a1b2c3');
		expect(newCompetencyId(random, new Set(['c-a1b2c3']))).toBe('c-a1b2c3d');
		expect(newCompetencyId(random, new Set())).toMatch(COMPETENCY_ID_PATTERN);
	});

	it('make a new competency with three empty indicators under its own prefix', () => {
		const c = newCompetency('c-abc123', 'subject', new Set(['c-abc123.n1']));
		expect(c).toMatchObject({ id: 'c-abc123', group: 'subject', title: '' });
		expect(c.indicators.map((i) => i.id)).toEqual(['c-abc123.n2', 'c-abc123.n3', 'c-abc123.n4']);
	});

	it('move an item within its list, clamped at the ends', () => {
		expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
		expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
		expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
	});
});

describe('the differences against the previous version', () => {
	it('name competencies and indicators added, removed and reworded, and changed scale wording', () => {
		const before = version();
		const after = draftFrom(before);
		const goal = after.competencies[0]!;
		goal.indicators[1]!.text = 'Новая формулировка';
		goal.indicators.push({ id: 'goal-setting.n1', text: 'Новый индикатор' });
		const removed = goal.indicators.splice(0, 1)[0]!;
		after.competencies[1]!.title = 'Мотивация';
		const dropped = after.competencies.splice(2, 1)[0]!;
		after.competencies.push({ ...newCompetency('c-abc123', 'subject', new Set()), title: 'Новая' });
		after.scale[3]!.hint = 'Другая подсказка';

		const diff = diffFrameworks(before, after);
		expect(diff.indicators.reworded).toEqual([
			{
				competency: { id: 'goal-setting', title: goal.title },
				indicator: goal.indicators[0],
				before: before.competencies[0]!.indicators[1]
			}
		]);
		expect(diff.indicators.added.map((r) => r.indicator.id)).toEqual([
			'goal-setting.n1',
			'c-abc123.n1',
			'c-abc123.n2',
			'c-abc123.n3'
		]);
		expect(diff.indicators.removed.map((r) => r.indicator.id)).toEqual([
			removed.id,
			...dropped.indicators.map((i) => i.id)
		]);
		expect(diff.competencies.added.map((c) => c.id)).toEqual(['c-abc123']);
		expect(diff.competencies.removed.map((c) => c.id)).toEqual([dropped.id]);
		expect(diff.competencies.changed).toEqual([
			{ before: before.competencies[1], after: after.competencies[1], fields: ['title'] }
		]);
		expect(diff.competencies.reordered).toBe(false);
		expect(diff.indicators.reordered).toBe(false);
		expect(diff.scale.map((s) => s.after.score)).toEqual([3]);
		expect(diff.titleChanged).toBe(false);
	});

	it('see a new order of competencies or indicators', () => {
		const before = version();
		const after = draftFrom(before);
		after.competencies = moved(after.competencies, 0, 1);
		expect(diffFrameworks(before, after).competencies.reordered).toBe(true);
		const again = draftFrom(before);
		again.competencies[0]!.indicators = moved(again.competencies[0]!.indicators, 0, 1);
		expect(diffFrameworks(before, again).indicators.reordered).toBe(true);
		expect(diffFrameworks(before, again).indicators.reworded).toEqual([]);
	});

	it('find nothing in an untouched copy, whatever its year', () => {
		const before = version();
		const after = draftFrom(before, { academicYear: 2030 });
		expect(isUnchanged(before, after)).toBe(true);
		after.competencies[0]!.description += '.';
		expect(isUnchanged(before, after)).toBe(false);
	});
});

describe('publishing a draft', () => {
	const v1 = version();

	it('is allowed for a valid, changed draft from this year on', () => {
		const draft = draftFrom(v1, { academicYear: 2026 });
		draft.competencies[0]!.indicators[0]!.text = 'Иначе';
		expect(publishRefusals(draft, [v1, draft], 2026)).toEqual([]);
	});

	it('is refused for a draft that changes nothing', () => {
		const draft = draftFrom(v1);
		expect(publishRefusals(draft, [v1, draft], 2026)).toEqual(['unchanged']);
	});

	it('is refused for an invalid draft, and for one without a year or from a past year', () => {
		const draft = draftFrom(v1, { academicYear: null });
		draft.competencies[0]!.indicators[0]!.text = ' ';
		expect(publishRefusals(draft, [v1, draft], 2026)).toEqual(['invalid', 'no-year']);
		expect(publishRefusals({ ...draft, academicYear: 2025 }, [v1, draft], 2026)).toEqual(['invalid', 'year-past']);
	});

	it('is refused before the year the previous version applies from, and after another version was published', () => {
		const v2 = version({ id: uuid(2), revision: 2, academicYear: 2028 });
		const draft = draftFrom(v2, { academicYear: 2027 });
		draft.title = 'Новая редакция';
		expect(publishRefusals(draft, [v1, v2, draft], 2026)).toEqual(['year-before-previous']);
		const stale = draftFrom(v1, { title: 'Новая редакция' });
		expect(publishRefusals(stale, [v1, v2, stale], 2026)).toEqual(['stale']);
	});

	it('is refused for a published version', () => {
		expect(publishRefusals(v1, [v1], 2026)).toEqual(['not-draft']);
	});
});
