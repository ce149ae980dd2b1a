import { describe, expect, it } from 'vitest';
import { buildActivity, codesOf } from '../testing/builders';
import { activitySchema } from './activity';

describe('activitySchema', () => {
	it('accepts a completed course, a community and a competition', () => {
		expect(activitySchema.validate(buildActivity())).toEqual([]);
		const community = buildActivity({
			kind: 'community',
			communityType: 'shmo',
			qualityRelated: false,
			hours: null,
			completed: false,
			endDate: null
		});
		expect(activitySchema.validate(community)).toEqual([]);
		const competition = buildActivity({
			kind: 'competition',
			competitionLevel: 'municipal',
			qualityRelated: false,
			result: 'призёр'
		});
		expect(activitySchema.validate(competition)).toEqual([]);
	});
	it('accepts an end date on the start date and refuses one before it', () => {
		expect(activitySchema.validate(buildActivity({ startDate: '2026-10-01', endDate: '2026-10-01' }))).toEqual([]);
		expect(activitySchema.validate(buildActivity({ startDate: '2026-10-02', endDate: '2026-10-01' }))).toEqual([
			{ path: 'endDate', code: 'date_before', params: { min: '2026-10-02' } }
		]);
	});
	it('needs an end date for a completed course, not for one in progress', () => {
		expect(codesOf(activitySchema.validate(buildActivity({ endDate: null })))).toEqual(['endDate:required']);
		expect(activitySchema.validate(buildActivity({ endDate: null, completed: false }))).toEqual([]);
	});
	it('needs hours above 0 and at most 2000', () => {
		expect(codesOf(activitySchema.validate(buildActivity({ hours: 0 })))).toEqual(['hours:out_of_range']);
		expect(codesOf(activitySchema.validate(buildActivity({ hours: -8 })))).toEqual(['hours:out_of_range']);
		expect(codesOf(activitySchema.validate(buildActivity({ hours: 2000.5 })))).toEqual(['hours:out_of_range']);
		expect(activitySchema.validate(buildActivity({ hours: 0.5 }))).toEqual([]);
	});
	it('needs the kind-specific field for its kind and refuses it elsewhere', () => {
		expect(codesOf(activitySchema.validate(buildActivity({ kind: 'community', qualityRelated: false })))).toEqual([
			'communityType:required'
		]);
		expect(codesOf(activitySchema.validate(buildActivity({ kind: 'competition', qualityRelated: false })))).toEqual([
			'competitionLevel:required'
		]);
		expect(
			codesOf(activitySchema.validate(buildActivity({ communityType: 'rmo', competitionLevel: 'federal' })))
		).toEqual(['communityType:not_allowed', 'competitionLevel:not_allowed']);
		expect(codesOf(activitySchema.validate(buildActivity({ kind: 'publication' })))).toEqual([
			'qualityRelated:not_allowed'
		]);
	});
	it('reports an empty title, a bad date and unknown options', () => {
		const bad = buildActivity({
			title: '',
			startDate: '2026-02-30',
			kind: 'webinar' as never,
			qualityRelated: 'yes' as never
		});
		expect(codesOf(activitySchema.validate(bad))).toEqual([
			'kind:invalid_option',
			'qualityRelated:invalid_type',
			'startDate:invalid_date',
			'title:required'
		]);
	});
	it('refuses a title with half an emoji in it, beside the title', () => {
		expect(activitySchema.validate(buildActivity({ title: 'Курс 🙂'.slice(0, -1) }))).toEqual([
			{ path: 'title', code: 'invalid_character' }
		]);
	});
});
