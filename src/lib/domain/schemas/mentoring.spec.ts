import { describe, expect, it } from 'vitest';
import { IDS, buildPair, buildSession, codesOf, uuid } from '../testing/builders';
import {
	mentoringPairSchema,
	mentoringSessionSchema,
	validateMeetingsForTerm,
	validateSessionForPair,
	validateTermForRecords
} from './mentoring';

describe('mentoringPairSchema', () => {
	it('accepts a valid pair, open-ended or not', () => {
		expect(mentoringPairSchema.validate(buildPair())).toEqual([]);
		expect(mentoringPairSchema.validate(buildPair({ endDate: null }))).toEqual([]);
	});
	it('refuses a mentor mentoring themself', () => {
		expect(codesOf(mentoringPairSchema.validate(buildPair({ menteeId: IDS.mentor })))).toEqual([
			'menteeId:must_differ'
		]);
	});
	it('accepts an end on the start day and refuses one before it', () => {
		expect(mentoringPairSchema.validate(buildPair({ endDate: '2026-09-01' }))).toEqual([]);
		expect(codesOf(mentoringPairSchema.validate(buildPair({ endDate: '2026-08-31' })))).toEqual([
			'endDate:date_before'
		]);
	});
	it('needs an end date once the pair is completed or terminated', () => {
		expect(codesOf(mentoringPairSchema.validate(buildPair({ status: 'completed', endDate: null })))).toEqual([
			'endDate:required'
		]);
		expect(codesOf(mentoringPairSchema.validate(buildPair({ status: 'terminated', endDate: null })))).toEqual([
			'endDate:required'
		]);
	});
	it('reports bad planned meetings and unknown models', () => {
		const bad = buildPair({ model: 'buddy' as never, plannedMeetings: [{ date: '2026-09-31', topic: '' }] });
		expect(codesOf(mentoringPairSchema.validate(bad))).toEqual([
			'model:invalid_option',
			'plannedMeetings.0.date:invalid_date',
			'plannedMeetings.0.topic:required'
		]);
	});
});

describe('mentoringPairSchema: the programme', () => {
	it('refuses a deficit listed twice, at the repeat', () => {
		const twice = buildPair({ deficitIds: [uuid(401), uuid(402), uuid(401)] });
		expect(codesOf(mentoringPairSchema.validate(twice))).toEqual(['deficitIds.2:duplicate']);
	});
	it('keeps a finished pair valid with meetings planned after its early end', () => {
		const ended = buildPair({
			status: 'terminated',
			endDate: '2026-09-10',
			plannedMeetings: [{ date: '2026-10-01', topic: 'Разбор урока' }]
		});
		expect(mentoringPairSchema.validate(ended)).toEqual([]);
	});
});

describe('validateMeetingsForTerm', () => {
	const term = { startDate: '2026-09-01', endDate: '2027-05-31' };
	it('accepts meetings on the first and the last day of the term', () => {
		expect(validateMeetingsForTerm([{ date: '2026-09-01' }, { date: '2027-05-31' }], term)).toEqual([]);
	});
	it('reports a meeting before the start or after the end at its index, with the limit', () => {
		const issues = validateMeetingsForTerm(
			[{ date: '2026-08-31' }, { date: '2026-10-01' }, { date: '2027-06-01' }],
			term
		);
		expect(issues).toEqual([
			{ path: 'plannedMeetings.0.date', code: 'date_before', params: { min: '2026-09-01' } },
			{ path: 'plannedMeetings.2.date', code: 'date_after', params: { max: '2027-05-31' } }
		]);
	});
	it('has no upper limit without an end date, and leaves malformed dates to the schema', () => {
		expect(
			validateMeetingsForTerm([{ date: '2040-01-01' }, { date: '2026-13-01' }], { ...term, endDate: null })
		).toEqual([]);
	});
});

describe('validateTermForRecords', () => {
	const records = { meetings: ['2026-09-20', '2027-04-15'], sessions: ['2026-09-18', '2026-12-01'] };
	it('accepts a term that holds every meeting and session', () => {
		expect(validateTermForRecords({ startDate: '2026-09-18', endDate: '2027-04-15' }, records)).toEqual([]);
		expect(validateTermForRecords({ startDate: '2026-09-01', endDate: null }, records)).toEqual([]);
	});
	it('says how far the start and the end may move', () => {
		expect(validateTermForRecords({ startDate: '2026-10-01', endDate: '2027-03-01' }, records)).toEqual([
			{ path: 'startDate', code: 'date_after', params: { max: '2026-09-18' } },
			{ path: 'endDate', code: 'date_before', params: { min: '2027-04-15' } }
		]);
	});
});

describe('mentoringSessionSchema', () => {
	it('accepts a valid session', () => {
		expect(mentoringSessionSchema.validate(buildSession())).toEqual([]);
	});
	it('keeps the duration within 5–600 whole minutes', () => {
		expect(mentoringSessionSchema.validate(buildSession({ durationMinutes: 5 }))).toEqual([]);
		expect(mentoringSessionSchema.validate(buildSession({ durationMinutes: 600 }))).toEqual([]);
		expect(codesOf(mentoringSessionSchema.validate(buildSession({ durationMinutes: 4 })))).toEqual([
			'durationMinutes:out_of_range'
		]);
		expect(codesOf(mentoringSessionSchema.validate(buildSession({ durationMinutes: 601 })))).toEqual([
			'durationMinutes:out_of_range'
		]);
		expect(codesOf(mentoringSessionSchema.validate(buildSession({ durationMinutes: 45.5 })))).toEqual([
			'durationMinutes:not_integer'
		]);
	});
	it('needs a topic and different people', () => {
		expect(codesOf(mentoringSessionSchema.validate(buildSession({ topic: '', menteeId: IDS.mentor })))).toEqual([
			'menteeId:must_differ',
			'topic:required'
		]);
	});
	it('refuses an unknown format and a malformed acknowledgement time', () => {
		expect(
			codesOf(mentoringSessionSchema.validate(buildSession({ format: 'chat' as never, acknowledgedAt: 'yesterday' })))
		).toEqual(['acknowledgedAt:invalid_date', 'format:invalid_option']);
	});
});

describe('validateSessionForPair', () => {
	it('accepts a session of the pair within its term, on either boundary day', () => {
		expect(validateSessionForPair(buildSession({ date: '2026-09-01' }), buildPair())).toEqual([]);
		expect(validateSessionForPair(buildSession({ date: '2027-05-31' }), buildPair())).toEqual([]);
	});
	it('refuses a session outside the term', () => {
		expect(codesOf(validateSessionForPair(buildSession({ date: '2026-08-31' }), buildPair()))).toEqual([
			'date:date_before'
		]);
		expect(codesOf(validateSessionForPair(buildSession({ date: '2027-06-01' }), buildPair()))).toEqual([
			'date:date_after'
		]);
	});
	it('refuses a session naming other people or another pair', () => {
		const s = buildSession({ pairId: uuid(9), mentorId: uuid(8), menteeId: uuid(7) });
		expect(codesOf(validateSessionForPair(s, buildPair()))).toEqual([
			'menteeId:mismatch',
			'mentorId:mismatch',
			'pairId:mismatch'
		]);
	});
});
