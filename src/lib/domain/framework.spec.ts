import { describe, expect, it } from 'vitest';
import {
	competencyOfIndicator,
	findCompetency,
	frameworkIndicatorIds,
	frameworkSchema,
	isScore,
	type Competency,
	type Framework
} from './framework';
import { DEFAULT_FRAMEWORK } from './frameworks/default';
import { codesOf } from './testing/builders';

function withCompetencies(competencies: Competency[]): Framework {
	return { ...DEFAULT_FRAMEWORK, competencies };
}

const META_IDS = ['goal-setting', 'motivation', 'technology', 'methodology', 'information', 'communication', 'evaluation'];

describe('the default framework', () => {
	it('passes its own schema', () => {
		expect(frameworkSchema.validate(DEFAULT_FRAMEWORK)).toEqual([]);
	});
	it('holds the seven meta-subject competencies in monitoring order', () => {
		const meta = DEFAULT_FRAMEWORK.competencies.filter((c) => c.group === 'meta').map((c) => c.id);
		expect(meta).toEqual(META_IDS);
	});
	it('holds a subject group template of two or three competencies', () => {
		const subject = DEFAULT_FRAMEWORK.competencies.filter((c) => c.group === 'subject');
		expect(subject.length).toBeGreaterThanOrEqual(2);
		expect(subject.length).toBeLessThanOrEqual(3);
	});
	it('stays between 35 and 40 indicators so a full self-assessment takes minutes', () => {
		const count = frameworkIndicatorIds(DEFAULT_FRAMEWORK).length;
		expect(count).toBeGreaterThanOrEqual(35);
		expect(count).toBeLessThanOrEqual(40);
	});
	it('numbers indicators within their competency from 1', () => {
		expect(findCompetency(DEFAULT_FRAMEWORK, 'goal-setting')?.indicators.map((i) => i.id)).toEqual([
			'goal-setting.1',
			'goal-setting.2',
			'goal-setting.3',
			'goal-setting.4'
		]);
	});
	it('labels the scale 0–3 in Russian', () => {
		expect(DEFAULT_FRAMEWORK.scale.map((l) => l.label)).toEqual([
			'Не проявляется',
			'Проявляется частично',
			'Проявляется в основном',
			'Проявляется в полной мере'
		]);
	});
});

describe('framework helpers', () => {
	it('lists indicator ids of one group only when asked', () => {
		const meta = frameworkIndicatorIds(DEFAULT_FRAMEWORK, 'meta');
		const subject = frameworkIndicatorIds(DEFAULT_FRAMEWORK, 'subject');
		expect(meta.length + subject.length).toBe(frameworkIndicatorIds(DEFAULT_FRAMEWORK).length);
		expect(subject.every((id) => id.startsWith('subject-') || id.startsWith('exam-'))).toBe(true);
	});
	it('finds a competency by id and its indicators’ owner', () => {
		expect(findCompetency(DEFAULT_FRAMEWORK, 'evaluation')?.title).toBe('Оценочная компетенция');
		expect(findCompetency(DEFAULT_FRAMEWORK, 'nope')).toBeUndefined();
		expect(competencyOfIndicator(DEFAULT_FRAMEWORK, 'motivation.2')?.id).toBe('motivation');
		expect(competencyOfIndicator(DEFAULT_FRAMEWORK, 'motivation.99')).toBeUndefined();
	});
	it('knows the scores 0–3 only', () => {
		expect([0, 1, 2, 3].every(isScore)).toBe(true);
		expect([4, -1, 1.5, '1'].some(isScore)).toBe(false);
	});
});

describe('frameworkSchema', () => {
	const [first, second] = DEFAULT_FRAMEWORK.competencies as [Competency, Competency];

	it('refuses a duplicate competency id', () => {
		expect(codesOf(frameworkSchema.validate(withCompetencies([first, { ...second, id: first.id, indicators: first.indicators }])))).toContain(
			'competencies.1.id:duplicate'
		);
	});
	it('refuses an indicator whose id does not start with its competency id', () => {
		const bad = { ...first, indicators: [...first.indicators.slice(0, 3), { id: 'other.1', text: 'x' }] };
		expect(codesOf(frameworkSchema.validate(withCompetencies([bad])))).toEqual(['competencies.0.indicators.3.id:mismatch']);
	});
	it('refuses fewer than 3 or more than 6 indicators', () => {
		const two = { ...first, indicators: first.indicators.slice(0, 2) };
		expect(codesOf(frameworkSchema.validate(withCompetencies([two])))).toEqual(['competencies.0.indicators:too_short']);
		const seven = { ...first, indicators: Array.from({ length: 7 }, (_, i) => ({ id: `${first.id}.${i + 1}`, text: 'x' })) };
		expect(codesOf(frameworkSchema.validate(withCompetencies([seven])))).toEqual(['competencies.0.indicators:too_long']);
	});
	it('refuses a scale out of order and a badly formed code', () => {
		const [a, b, c, d] = DEFAULT_FRAMEWORK.scale;
		const issues = frameworkSchema.validate({ ...DEFAULT_FRAMEWORK, code: 'Meta 2026', scale: [b, a, c, d] });
		expect(codesOf(issues)).toEqual(['code:invalid_id', 'scale.0.score:mismatch', 'scale.1.score:mismatch']);
	});
	it('refuses an empty title and an unknown group', () => {
		const issues = frameworkSchema.validate({ ...DEFAULT_FRAMEWORK, title: '', competencies: [{ ...first, group: 'other' }] });
		expect(codesOf(issues)).toEqual(['competencies.0.group:invalid_option', 'title:required']);
	});
});
