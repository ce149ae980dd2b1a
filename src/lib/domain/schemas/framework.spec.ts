import { describe, expect, it } from 'vitest';
import type { Competency, Framework } from '../framework';
import { DEFAULT_FRAMEWORK } from '../frameworks/default';
import { codesOf } from '../testing/builders';
import { frameworkSchema } from './framework';

function withCompetencies(competencies: Competency[]): Framework {
	return { ...DEFAULT_FRAMEWORK, competencies };
}

describe('frameworkSchema', () => {
	const [first, second] = DEFAULT_FRAMEWORK.competencies as [Competency, Competency];

	it('refuses a duplicate competency id', () => {
		expect(
			codesOf(
				frameworkSchema.validate(withCompetencies([first, { ...second, id: first.id, indicators: first.indicators }]))
			)
		).toContain('competencies.1.id:duplicate');
	});
	it('refuses an indicator whose id does not start with its competency id', () => {
		const bad = { ...first, indicators: [...first.indicators.slice(0, 3), { id: 'other.1', text: 'x' }] };
		expect(codesOf(frameworkSchema.validate(withCompetencies([bad])))).toEqual([
			'competencies.0.indicators.3.id:mismatch'
		]);
	});
	it('refuses fewer than 3 or more than 6 indicators', () => {
		const two = { ...first, indicators: first.indicators.slice(0, 2) };
		expect(codesOf(frameworkSchema.validate(withCompetencies([two])))).toEqual(['competencies.0.indicators:too_short']);
		const seven = {
			...first,
			indicators: Array.from({ length: 7 }, (_, i) => ({ id: `${first.id}.${i + 1}`, text: 'x' }))
		};
		expect(codesOf(frameworkSchema.validate(withCompetencies([seven])))).toEqual([
			'competencies.0.indicators:too_long'
		]);
	});
	it('refuses a scale out of order and a badly formed code', () => {
		const [a, b, c, d] = DEFAULT_FRAMEWORK.scale;
		const issues = frameworkSchema.validate({ ...DEFAULT_FRAMEWORK, code: 'Meta 2026', scale: [b, a, c, d] });
		expect(codesOf(issues)).toEqual(['code:invalid_id', 'scale.0.score:mismatch', 'scale.1.score:mismatch']);
	});
	it('refuses an empty title and an unknown group', () => {
		const issues = frameworkSchema.validate({
			...DEFAULT_FRAMEWORK,
			title: '',
			competencies: [{ ...first, group: 'other' }]
		});
		expect(codesOf(issues)).toEqual(['competencies.0.group:invalid_option', 'title:required']);
	});
});
