import { describe, expect, it } from 'vitest';
import { competencyOfIndicator, findCompetency, frameworkIndicatorIds, isScore, versionFor } from './framework';
import { DEFAULT_FRAMEWORK } from './frameworks/default';
import { frameworkSchema } from './schemas/framework';

const META_IDS = [
	'goal-setting',
	'motivation',
	'technology',
	'methodology',
	'information',
	'communication',
	'evaluation'
];

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

describe('the version a new assessment is taken against', () => {
	const v = (revision: number, status: 'draft' | 'published', academicYear: number | null, code = 'meta') => ({
		code,
		revision,
		status,
		academicYear,
		deletedAt: null
	});
	const versions = [
		v(1, 'published', null),
		v(2, 'published', 2027),
		v(3, 'draft', 2027),
		v(9, 'published', null, 'other')
	];

	it('is the highest published revision that applies to the year, never a draft nor another framework', () => {
		expect(versionFor(versions, 'meta', 2026)?.revision).toBe(1);
		expect(versionFor(versions, 'meta', 2027)?.revision).toBe(2);
		expect(versionFor(versions, 'meta', 2030)?.revision).toBe(2);
		expect(versionFor(versions, 'nothing', 2026)).toBeNull();
	});
});
