import { describe, expect, it } from 'vitest';
import { DEFAULT_REGION_SETTINGS, isMonthDay, staffReferenceDate } from '$lib/domain/region-settings';
import { formOf, parseSettings, type SettingsForm } from './settings-form';

function form(overrides: Partial<SettingsForm> = {}): SettingsForm {
	return { ...formOf(DEFAULT_REGION_SETTINGS), ...overrides };
}

describe('the region settings form', () => {
	it('starts from the defaults as a Russian reader writes them', () => {
		expect(formOf(DEFAULT_REGION_SETTINGS)).toEqual({
			growthThreshold: '0,25',
			minGroupSize: '5',
			reportYearsFrom: '',
			referenceDay: '1',
			referenceMonth: '1'
		});
		expect(parseSettings(form())).toEqual({ ok: true, value: DEFAULT_REGION_SETTINGS });
	});

	it('reads the growth threshold with a decimal comma or point, from 0 to 3', () => {
		const threshold = (growthThreshold: string) => parseSettings(form({ growthThreshold }));
		expect(threshold('0,3')).toMatchObject({ ok: true, value: { growthThreshold: 0.3 } });
		expect(threshold(' 0.5 ')).toMatchObject({ ok: true, value: { growthThreshold: 0.5 } });
		expect(threshold(',75')).toMatchObject({ ok: true, value: { growthThreshold: 0.75 } });
		expect(threshold('3')).toMatchObject({ ok: true, value: { growthThreshold: 3 } });
		expect(threshold('0')).toMatchObject({ ok: true, value: { growthThreshold: 0 } });
		expect(threshold('3,01')).toEqual({ ok: false, problems: { growthThreshold: 'threshold_range' } });
		expect(threshold('-0,1')).toEqual({ ok: false, problems: { growthThreshold: 'not_a_number' } });
		expect(threshold('0,2,5')).toEqual({ ok: false, problems: { growthThreshold: 'not_a_number' } });
		expect(threshold('четверть')).toEqual({ ok: false, problems: { growthThreshold: 'not_a_number' } });
		expect(threshold('')).toEqual({ ok: false, problems: { growthThreshold: 'required' } });
	});

	it('refuses a minimum group size below 5, and takes whole numbers up to 1000', () => {
		const group = (minGroupSize: string) => parseSettings(form({ minGroupSize }));
		expect(group('4')).toEqual({ ok: false, problems: { minGroupSize: 'below_min' } });
		expect(group('0')).toEqual({ ok: false, problems: { minGroupSize: 'below_min' } });
		expect(group('5')).toMatchObject({ ok: true, value: { minGroupSize: 5 } });
		expect(group('12')).toMatchObject({ ok: true, value: { minGroupSize: 12 } });
		expect(group('5,5')).toEqual({ ok: false, problems: { minGroupSize: 'not_integer' } });
		expect(group('1001')).toEqual({ ok: false, problems: { minGroupSize: 'too_large' } });
		expect(group('пять')).toEqual({ ok: false, problems: { minGroupSize: 'not_a_number' } });
	});

	it('takes the first report year as optional', () => {
		expect(parseSettings(form({ reportYearsFrom: '2024' }))).toMatchObject({
			ok: true,
			value: { reportYearsFrom: 2024 }
		});
		expect(parseSettings(form({ reportYearsFrom: '1999' }))).toEqual({
			ok: false,
			problems: { reportYearsFrom: 'invalid_year' }
		});
	});

	it('makes the staff reference date an MM-DD of a day every year has', () => {
		const reference = (referenceDay: string, referenceMonth: string) =>
			parseSettings(form({ referenceDay, referenceMonth }));
		expect(reference('1', '9')).toMatchObject({ ok: true, value: { staffReference: '09-01' } });
		expect(reference('31', '12')).toMatchObject({ ok: true, value: { staffReference: '12-31' } });
		expect(reference('28', '2')).toMatchObject({ ok: true, value: { staffReference: '02-28' } });
		expect(reference('29', '2')).toEqual({ ok: false, problems: { staffReference: 'invalid_day' } });
		expect(reference('31', '4')).toEqual({ ok: false, problems: { staffReference: 'invalid_day' } });
		expect(reference('0', '1')).toEqual({ ok: false, problems: { staffReference: 'invalid_day' } });
		expect(reference('', '1')).toEqual({ ok: false, problems: { staffReference: 'required' } });
		expect(formOf({ ...DEFAULT_REGION_SETTINGS, staffReference: '10-15' })).toMatchObject({
			referenceDay: '15',
			referenceMonth: '10'
		});
		expect(['01-01', '12-31', '02-28'].every(isMonthDay)).toBe(true);
		expect(['02-29', '13-01', '1-1', '00-10', '06-31'].some(isMonthDay)).toBe(false);
	});

	it('places September–December in the academic year’s start year, January–August in the next', () => {
		expect(staffReferenceDate(2026, '01-01')).toBe('2027-01-01');
		expect(staffReferenceDate(2026, '09-15')).toBe('2026-09-15');
		expect(staffReferenceDate(2026, '08-31')).toBe('2027-08-31');
	});

	it('reports every refused field at once', () => {
		expect(
			parseSettings(form({ growthThreshold: '4', minGroupSize: '3', referenceDay: '30', referenceMonth: '2' }))
		).toEqual({
			ok: false,
			problems: { growthThreshold: 'threshold_range', minGroupSize: 'below_min', staffReference: 'invalid_day' }
		});
	});
});
