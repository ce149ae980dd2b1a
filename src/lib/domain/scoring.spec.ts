import { describe, expect, it } from 'vitest';
import type { Scores } from './assessment';
import { findCompetency, frameworkIndicatorIds } from './framework';
import { DEFAULT_FRAMEWORK as F } from './frameworks/default';
import { assessmentProgress, competencyMean, groupMean, isComplete, levelOf } from './scoring';
import { scoresFor } from './testing/builders';

describe('competencyMean', () => {
	it('averages the answered indicators of the competency only', () => {
		expect(competencyMean(F, { 'evaluation.1': 1, 'evaluation.2': 2, 'motivation.1': 3 }, 'evaluation')).toBe(1.5);
	});
	it('is null when nothing in the competency is answered or the competency is unknown', () => {
		expect(competencyMean(F, { 'motivation.1': 3 }, 'evaluation')).toBeNull();
		expect(competencyMean(F, scoresFor(F, 2), 'unknown')).toBeNull();
	});
});

describe('groupMean', () => {
	it('is the mean of indicator scores, not of competency means', () => {
		// evaluation has 5 indicators at 3, goal-setting 4 at 0: indicator mean 15/9, competency mean 1.5.
		const scores: Scores = {};
		for (const i of findCompetency(F, 'evaluation')?.indicators ?? []) scores[i.id] = 3;
		for (const i of findCompetency(F, 'goal-setting')?.indicators ?? []) scores[i.id] = 0;
		expect(groupMean(F, scores, 'meta')).toBeCloseTo(15 / 9, 12);
	});
	it('keeps the groups apart', () => {
		const scores = scoresFor(F, (id) => (frameworkIndicatorIds(F, 'subject').includes(id) ? 3 : 1));
		expect(groupMean(F, scores, 'meta')).toBe(1);
		expect(groupMean(F, scores, 'subject')).toBe(3);
	});
	it('ignores scores for ids outside the framework and is null for an unanswered group', () => {
		expect(groupMean(F, { 'ghost.1': 3 } as Scores, 'meta')).toBeNull();
		expect(groupMean(F, {}, 'subject')).toBeNull();
	});
});

describe('levelOf', () => {
	it('maps each band from its lower bound', () => {
		expect(levelOf(0)).toBe('low');
		expect(levelOf(0.99)).toBe('low');
		expect(levelOf(1)).toBe('basic');
		expect(levelOf(1.99)).toBe('basic');
		expect(levelOf(2)).toBe('sufficient');
		expect(levelOf(2.49)).toBe('sufficient');
		expect(levelOf(2.5)).toBe('high');
		expect(levelOf(3)).toBe('high');
	});
	it('absorbs float noise at a band edge', () => {
		expect(levelOf(2.5 - 1e-12)).toBe('high');
	});
	it('has no level for no data or an impossible mean', () => {
		expect(levelOf(null)).toBeNull();
		expect(levelOf(3.5)).toBeNull();
		expect(levelOf(-0.5)).toBeNull();
	});
	it('never goes down as the mean goes up', () => {
		const order = ['low', 'basic', 'sufficient', 'high'];
		let previous = 0;
		for (let k = 0; k <= 300; k++) {
			const rank = order.indexOf(levelOf(k / 100) ?? '');
			expect(rank).toBeGreaterThanOrEqual(previous);
			previous = rank;
		}
	});
});

describe('progress and completeness', () => {
	const total = frameworkIndicatorIds(F).length;

	it('counts answered indicators of the framework against its total', () => {
		expect(assessmentProgress(F, { 'goal-setting.1': 0, 'goal-setting.2': 3 })).toEqual({ answered: 2, total });
	});
	it('does not count answers for ids outside the framework', () => {
		expect(assessmentProgress(F, { 'ghost.1': 1 } as Scores)).toEqual({ answered: 0, total });
	});
	it('is complete only when every indicator is answered', () => {
		const all = scoresFor(F, 0);
		expect(isComplete(F, all)).toBe(true);
		const { ['evaluation.5']: _dropped, ...missingOne } = all;
		expect(isComplete(F, missingOne)).toBe(false);
	});
	it('never calls an empty framework complete', () => {
		expect(isComplete({ ...F, competencies: [] }, {})).toBe(false);
	});
});
