import { describe, expect, it } from 'vitest';
import type { Assessment, Scores } from './assessment';
import { frameworkIndicatorIds, type Competency, type Framework, type Score } from './framework';
import { DEFAULT_FRAMEWORK as F } from './frameworks/default';
import { DEFAULT_GROWTH_THRESHOLD, showsGrowth, teacherGrowth } from './growth';
import { buildSubmittedAssessment, uuid } from './testing/builders';

/** Every indicator at `lo` except the first `count` in framework order (all meta), at `hi`. */
function metaScores(count: number, lo: Score, hi: Score): Scores {
	const scores: Scores = {};
	frameworkIndicatorIds(F).forEach((id, index) => (scores[id] = index < count ? hi : lo));
	return scores;
}

const entry = (overrides: Partial<Assessment> = {}) =>
	buildSubmittedAssessment({ id: uuid(1), stage: 'entry', ...overrides });
const final = (overrides: Partial<Assessment> = {}) =>
	buildSubmittedAssessment({ id: uuid(2), stage: 'final', ...overrides });

describe('showsGrowth', () => {
	it('counts growth exactly at the threshold', () => {
		expect(showsGrowth(2.0, 2.25, 0.25)).toBe(true);
	});
	it('counts a difference equal to the threshold that float arithmetic puts a hair below it', () => {
		expect(41 / 20 - 9 / 5).toBeLessThan(0.25);
		expect(showsGrowth(9 / 5, 41 / 20, 0.25)).toBe(true);
	});
	it('does not count growth just below the threshold', () => {
		expect(showsGrowth(2.0, 2.24, 0.25)).toBe(false);
		expect(showsGrowth(2.0, 2.0 + 0.25 - 1e-6, 0.25)).toBe(false);
	});
	it('does not count a decline or no change', () => {
		expect(showsGrowth(2.5, 2.0, 0.25)).toBe(false);
		expect(showsGrowth(2, 2, 0.25)).toBe(false);
	});
	it('defaults to the DOMAIN threshold of 0.25', () => {
		expect(DEFAULT_GROWTH_THRESHOLD).toBe(0.25);
		expect(showsGrowth(1, 1.25)).toBe(true);
	});
	it('agrees with exact integer arithmetic for every pair of means over up to 10 indicators', () => {
		// growth ≥ 1/4  ⇔  4·(f·n − e·m) ≥ n·m, for means e/n and f/m.
		for (let n = 1; n <= 10; n++)
			for (let m = 1; m <= 10; m++)
				for (let e = 0; e <= 3 * n; e++)
					for (let f = 0; f <= 3 * m; f++) {
						expect(showsGrowth(e / n, f / m, 0.25)).toBe(4 * (f * n - e * m) >= n * m);
					}
	});
});

describe('teacherGrowth', () => {
	const framework: Framework = F;

	it('is true when the final group mean exceeds the entry mean by the threshold', () => {
		// 29 meta indicators: ten 3s lift the meta mean from 2 to 68/29 ≈ 2.34; three only to ≈ 2.10.
		expect(teacherGrowth(framework, entry(), final({ scores: metaScores(10, 2, 3) }), 'meta', 0.25)).toBe(true);
	});
	it('is false when growth falls short', () => {
		expect(teacherGrowth(framework, entry(), final({ scores: metaScores(3, 2, 3) }), 'meta', 0.25)).toBe(false);
	});
	it('measures each group separately', () => {
		const subjectUp: Scores = { ...entry().scores };
		for (const id of frameworkIndicatorIds(F, 'subject')) subjectUp[id] = 3;
		const f = final({ scores: subjectUp });
		expect(teacherGrowth(framework, entry(), f, 'subject')).toBe(true);
		expect(teacherGrowth(framework, entry(), f, 'meta')).toBe(false);
	});
	it('is null («нет данных») when either assessment is missing', () => {
		expect(teacherGrowth(framework, null, final(), 'meta')).toBeNull();
		expect(teacherGrowth(framework, entry(), undefined, 'meta')).toBeNull();
	});
	it('is null when either is still a draft', () => {
		expect(teacherGrowth(framework, entry({ status: 'draft', submittedAt: null }), final(), 'meta')).toBeNull();
		expect(teacherGrowth(framework, entry(), final({ status: 'draft', submittedAt: null }), 'meta')).toBeNull();
	});
	it('is null when the kinds differ (self against expert is not growth)', () => {
		expect(
			teacherGrowth(framework, entry({ kind: 'self' }), final({ kind: 'expert', assessorId: uuid(9) }), 'meta')
		).toBeNull();
	});
	it('is null for the wrong stages, another teacher, another year or another framework', () => {
		expect(teacherGrowth(framework, entry({ stage: 'intermediate' }), final(), 'meta')).toBeNull();
		expect(teacherGrowth(framework, final(), entry(), 'meta')).toBeNull();
		expect(teacherGrowth(framework, entry(), entry({ id: uuid(3) }), 'meta')).toBeNull();
		expect(teacherGrowth(framework, entry(), final({ teacherId: uuid(9) }), 'meta')).toBeNull();
		expect(teacherGrowth(framework, entry(), final({ academicYear: 2027 }), 'meta')).toBeNull();
		expect(
			teacherGrowth(framework, entry({ frameworkId: uuid(9) }), final({ frameworkId: uuid(9) }), 'meta')
		).toBeNull();
	});
	it('compares the entry with an intermediate assessment (a report at the intermediate stage)', () => {
		expect(
			teacherGrowth(framework, entry(), final({ stage: 'intermediate', scores: metaScores(10, 2, 3) }), 'meta', 0.25)
		).toBe(true);
		expect(
			teacherGrowth(framework, entry(), final({ stage: 'intermediate', scores: metaScores(3, 2, 3) }), 'meta', 0.25)
		).toBe(false);
	});
	it('is null when the group has no answered indicator', () => {
		const noSubject: Framework = { ...F, competencies: F.competencies.filter((c: Competency) => c.group === 'meta') };
		expect(teacherGrowth(noSubject, entry(), final(), 'subject')).toBeNull();
	});
});
