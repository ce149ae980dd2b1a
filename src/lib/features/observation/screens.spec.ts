import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK as F } from '$lib/domain/frameworks/default';
import type { Framework } from '$lib/domain/framework';
import { flowScreens, screenOfIssue } from './screens';

describe('the screens of an observation', () => {
	it('in quick mode are one per look-for competency, the last one holding the wrap-up', () => {
		const screens = flowScreens(F, 'quick');
		expect(screens.length).toBeLessThanOrEqual(F.competencies.length);
		expect(screens.every((s) => s.kind === 'competency')).toBe(true);
		expect(screens.map((s) => s.kind === 'competency' && s.wrapUp)).toEqual([
			false,
			false,
			false,
			false,
			false,
			false,
			true
		]);
	});

	it('in quick mode never outnumber the competencies, even when every competency is a look-for', () => {
		const metaOnly: Framework = { ...F, competencies: F.competencies.filter((c) => c.group === 'meta') };
		expect(flowScreens(metaOnly, 'quick')).toHaveLength(metaOnly.competencies.length);
	});

	it('in the full protocol are the lesson, every competency and the wrap-up', () => {
		const screens = flowScreens(F, 'full');
		expect(screens.map((s) => s.kind)).toEqual(['lesson', ...F.competencies.map(() => 'competency'), 'wrap-up']);
	});

	it('send a refused submit to the screen of the field', () => {
		const full = flowScreens(F, 'full');
		expect(screenOfIssue(full, 'topic')).toBe(0);
		expect(screenOfIssue(full, 'scores')).toBe(1);
		expect(screenOfIssue(full, 'recommendations.0.text')).toBe(full.length - 1);
		const quick = flowScreens(F, 'quick');
		expect(screenOfIssue(quick, 'scores')).toBe(0);
		expect(screenOfIssue(quick, 'notes')).toBe(quick.length - 1);
	});
});
