import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import { reportOf, type CompetenceAnswer, type IndicatorsAnswer, type StaffAnswer } from './reports';

const scope = {
	id: 'm',
	kind: 'municipality' as const,
	name: 'Сокольский МО',
	shortName: null,
	lowResults: false,
	adverseConditions: false,
	program500: false
};
const hidden = {
	date: '2027-01-01',
	teachers: 3,
	suppressed: true,
	age: null,
	experience: null,
	education: null,
	category: null,
	categoryExpiryUnknown: null
};

describe('the report RPC answers as a Report', () => {
	it('keeps the server’s suppression and turns numeric strings into numbers', () => {
		const indicators: IndicatorsAnswer = {
			access: 'municipal',
			teachers: 28,
			indicators: [
				{
					code: 'PD_ANY',
					numerator: 9,
					denominator: 28,
					value: '0.3214' as unknown as number,
					noData: 0,
					target: '0.3' as unknown as number,
					previous: null,
					suppressed: false
				}
			],
			schools: [
				{
					school_id: 's',
					name: 'Чучковская ОШ',
					low_results: true,
					adverse_conditions: true,
					program500: true,
					teachers: 3,
					suppressed: true,
					indicators: [
						{
							code: 'PD_ANY',
							numerator: null,
							denominator: null,
							value: null,
							noData: 0,
							target: 0.3,
							previous: null,
							suppressed: true
						}
					]
				}
			]
		};
		const staff: StaffAnswer = {
			scope: { ...hidden, teachers: 28, suppressed: false },
			schools: [{ schoolId: 's', ...hidden }]
		};
		const competence = { scope: { teachers: 28, suppressed: false }, schools: [] } as unknown as CompetenceAnswer;
		const report = reportOf(scope, 2026, null, DEFAULT_FRAMEWORK, indicators, staff, competence);
		expect(report.indicators[0]).toMatchObject({ value: 0.3214, target: 0.3 });
		expect(report.schools[0]).toMatchObject({
			suppressed: true,
			teachers: 3,
			school: { lowResults: true, name: 'Чучковская ОШ' }
		});
		expect(report.schools[0]!.staff.suppressed).toBe(true);
		expect(report.schools[0]!.competence.suppressed).toBe(true);
	});
});
