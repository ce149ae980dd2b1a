import { describe, expect, it } from 'vitest';
import { IDS, buildAction, buildPlan, codesOf, uuid } from '../testing/builders';
import { developmentPlanSchema, planActionSchema, validateActionForPlan } from './development-plan';

const AT = '2026-11-01T10:00:00.000Z';

describe('validateActionForPlan', () => {
	it('accepts a deadline on the first day of the plan’s academic year', () => {
		expect(validateActionForPlan(buildAction({ deadline: '2026-09-01' }), buildPlan())).toEqual([]);
	});
	it('refuses a deadline before the plan’s academic year starts', () => {
		expect(validateActionForPlan(buildAction({ deadline: '2026-08-31' }), buildPlan())).toEqual([
			{ path: 'deadline', code: 'date_before', params: { min: '2026-09-01' } }
		]);
	});
	it('refuses an action of another plan or teacher', () => {
		const issues = validateActionForPlan(buildAction({ planId: uuid(9), teacherId: uuid(8) }), buildPlan());
		expect(codesOf(issues)).toEqual(['planId:mismatch', 'teacherId:mismatch']);
	});
});

describe('developmentPlanSchema', () => {
	const approved = { approvalStatus: 'approved' as const, submittedAt: AT };
	it('accepts a valid plan, approved or not', () => {
		expect(developmentPlanSchema.validate(buildPlan())).toEqual([]);
		expect(
			developmentPlanSchema.validate(buildPlan({ ...approved, approvedBy: IDS.methodist, approvedAt: AT }))
		).toEqual([]);
	});
	it('needs both who approved and when', () => {
		expect(codesOf(developmentPlanSchema.validate(buildPlan({ ...approved, approvedBy: IDS.methodist })))).toEqual([
			'approvedAt:required'
		]);
		expect(codesOf(developmentPlanSchema.validate(buildPlan({ ...approved, approvedAt: AT })))).toEqual([
			'approvedBy:required'
		]);
	});
	it('refuses self-approval', () => {
		expect(
			codesOf(developmentPlanSchema.validate(buildPlan({ ...approved, approvedBy: IDS.teacher, approvedAt: AT })))
		).toEqual(['approvedBy:must_differ']);
	});
	it('reports bad fields', () => {
		const bad = buildPlan({
			status: 'archived' as never,
			academicYear: 26,
			goals: 'x'.repeat(4001),
			deficitIds: ['d1']
		});
		expect(codesOf(developmentPlanSchema.validate(bad))).toEqual([
			'academicYear:out_of_range',
			'deficitIds.0:invalid_id',
			'goals:too_long',
			'status:invalid_option'
		]);
	});
});

describe('planActionSchema', () => {
	it('accepts a valid action with evidence of every kind', () => {
		const evidence = [
			{ id: uuid(11), kind: 'certificate' as const, value: '772400012345', note: '' },
			{ id: uuid(12), kind: 'link' as const, value: 'https://disk.example.ru/cert.pdf', note: 'скан' },
			{ id: uuid(13), kind: 'photo' as const, value: uuid(14), note: '' }
		];
		expect(planActionSchema.validate(buildAction({ evidence }))).toEqual([]);
	});
	it('needs a title and positive hours up to 2000', () => {
		expect(codesOf(planActionSchema.validate(buildAction({ title: ' ', hours: 0 })))).toEqual([
			'hours:out_of_range',
			'title:required'
		]);
		expect(codesOf(planActionSchema.validate(buildAction({ hours: 2001 })))).toEqual(['hours:out_of_range']);
		expect(planActionSchema.validate(buildAction({ hours: 2000 }))).toEqual([]);
		expect(planActionSchema.validate(buildAction({ hours: null }))).toEqual([]);
	});
	it('ties completedAt to done', () => {
		expect(codesOf(planActionSchema.validate(buildAction({ status: 'done' })))).toEqual(['completedAt:required']);
		expect(codesOf(planActionSchema.validate(buildAction({ completedAt: AT })))).toEqual(['completedAt:not_allowed']);
	});
	it('checks evidence by kind', () => {
		const evidence = [
			{ id: uuid(11), kind: 'link' as const, value: 'ftp://x', note: '' },
			{ id: uuid(12), kind: 'file' as const, value: 'cert.pdf', note: '' },
			{ id: uuid(13), kind: 'certificate' as const, value: '', note: '' }
		];
		expect(codesOf(planActionSchema.validate(buildAction({ evidence })))).toEqual([
			'evidence.0.value:invalid_url',
			'evidence.1.value:invalid_id',
			'evidence.2.value:required'
		]);
	});
	it('refuses an impossible deadline and an unknown type', () => {
		expect(
			codesOf(planActionSchema.validate(buildAction({ deadline: '2027-02-29', type: 'holiday' as never })))
		).toEqual(['deadline:invalid_date', 'type:invalid_option']);
	});
});
