// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import IndicatorsTable from './IndicatorsTable.svelte';
import { INDICATOR_CODES, type IndicatorCode, type IndicatorResult } from '$lib/domain/indicators';
import { indicatorsSheet } from './report-format';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school'));
afterEach(cleanup);

function result(code: IndicatorCode, overrides: Partial<IndicatorResult> = {}): IndicatorResult {
	return {
		code,
		numerator: 3,
		denominator: 10,
		value: 0.3,
		noData: 0,
		target: null,
		previous: null,
		suppressed: false,
		...overrides
	};
}

function row(code: IndicatorCode): HTMLElement {
	return screen.getByTestId('indicators').querySelector<HTMLElement>(`tr[data-code="${code}"]`)!;
}

describe('the indicators table', () => {
	it('shows «нет данных» for an empty denominator but a real zero as 0,0 %', () => {
		render(IndicatorsTable, {
			rows: [
				result('YOUNG_SUPPORTED', { numerator: 0, denominator: 0, value: null }),
				result('OBSERVED', { numerator: 0, denominator: 25, value: 0 })
			],
			title: 'Показатели',
			filename: 'x'
		});
		const empty = within(row('YOUNG_SUPPORTED'));
		expect(empty.getAllByRole('cell')[0]!.textContent).toBe('нет данных');
		expect(empty.getByText('0 / 0')).toBeTruthy();
		const zero = within(row('OBSERVED'));
		expect(zero.getAllByRole('cell')[0]!.textContent).toBe('0,0\u00a0%');
		expect(zero.getByText('0 / 25')).toBeTruthy();
	});

	it('marks a target met or missed in words, not by colour alone', () => {
		render(IndicatorsTable, {
			rows: [
				result('PD_ANY', { numerator: 9, denominator: 25, value: 0.36, target: 0.3 }),
				result('IOM', { numerator: 10, denominator: 25, value: 0.4, target: 0.5 }),
				result('CATEGORY', { target: null }),
				result('DEFICITS_CLOSED', { numerator: 0, denominator: 0, value: null, target: 0.5 })
			],
			title: 'Показатели',
			filename: 'x'
		});
		expect(within(row('PD_ANY')).getByText(/План достигнут/)).toBeTruthy();
		expect(row('PD_ANY').querySelector('.mark.met')).not.toBeNull();
		expect(within(row('IOM')).getByText(/План не достигнут/)).toBeTruthy();
		expect(row('IOM').querySelector('.mark.missed')).not.toBeNull();
		expect(within(row('CATEGORY')).getByText('план не задан')).toBeTruthy();
		// A target with no value to hold against it is neither met nor missed.
		expect(within(row('DEFICITS_CLOSED')).getByText('не оценить')).toBeTruthy();
		expect(within(row('PD_ANY')).getByText('30,0 %')).toBeTruthy();
	});

	it('writes «недостаточно данных» for a withheld group and counts growth left out for want of data', () => {
		render(IndicatorsTable, {
			rows: [
				result('CATEGORY', { numerator: null, denominator: null, value: null, suppressed: true }),
				result('GROWTH_META', { numerator: 4, denominator: 10, value: 0.4, noData: 15 })
			],
			title: 'Показатели',
			filename: 'x'
		});
		expect(within(row('CATEGORY')).getAllByText('недостаточно данных')).toHaveLength(2);
		expect(within(row('GROWTH_META')).getByText('без пары входная/итоговая: 15')).toBeTruthy();
	});

	it('marks a figure withheld to protect a smaller school «скрыто*» and says why under the table', () => {
		render(IndicatorsTable, {
			rows: [
				result('CATEGORY', { numerator: null, denominator: null, value: null, suppressed: true, secondary: true }),
				result('PD_ANY')
			],
			title: 'Показатели',
			filename: 'x'
		});
		expect(within(row('CATEGORY')).getAllByText('скрыто*')).toHaveLength(2);
		expect(screen.getByTestId('secondary-note').textContent).toBe(
			'* скрыто, чтобы нельзя было вычислить данные школы с числом педагогов меньше 5'
		);
		const sheet = indicatorsSheet('Показатели', [
			result('CATEGORY', { numerator: null, denominator: null, value: null, suppressed: true, secondary: true })
		]);
		expect(sheet.rows[1]!.slice(2, 5)).toEqual([
			'скрыто, чтобы нельзя было вычислить данные школы с числом педагогов меньше 5',
			'скрыто, чтобы нельзя было вычислить данные школы с числом педагогов меньше 5',
			'скрыто, чтобы нельзя было вычислить данные школы с числом педагогов меньше 5'
		]);
	});

	it('carries no note when nothing is withheld for another school', () => {
		render(IndicatorsTable, {
			rows: [result('CATEGORY', { numerator: null, denominator: null, value: null, suppressed: true })],
			title: 'Показатели',
			filename: 'x'
		});
		expect(screen.queryByTestId('secondary-note')).toBeNull();
	});

	it('names growth left out for want of an intermediate assessment at the intermediate stage, never «итоговая»', () => {
		render(IndicatorsTable, {
			rows: [result('GROWTH_META', { numerator: 4, denominator: 10, value: 0.4, noData: 15 })],
			title: 'Показатели',
			filename: 'x',
			stage: 'intermediate'
		});
		expect(within(row('GROWTH_META')).getByText('без пары входная/промежуточная: 15')).toBeTruthy();
		expect(screen.getByTestId('indicators').textContent).not.toMatch(/итогов/i);
	});

	it('lets the methodist set a target as a percentage', async () => {
		const onTarget = vi.fn();
		render(IndicatorsTable, { rows: [result('PD_ANY')], title: 'Показатели', filename: 'x', onTarget });
		await fireEvent.click(screen.getByRole('button', { name: 'Задать плановые значения' }));
		const input = screen.getByLabelText(/Плановое значение, %/);
		await fireEvent.change(input, { target: { value: '35,5' } });
		expect(onTarget).toHaveBeenCalledWith('PD_ANY', 0.355);
		await fireEvent.change(input, { target: { value: '' } });
		expect(onTarget).toHaveBeenLastCalledWith('PD_ANY', null);
	});

	it('exports the figures on screen, leaving a missing one as words rather than 0', () => {
		const sheet = indicatorsSheet('Показатели', [
			result('PD_ANY', { numerator: 9, denominator: 25, value: 0.36, target: 0.3, previous: 0.28 }),
			result('YOUNG_SUPPORTED', { numerator: 0, denominator: 0, value: null })
		]);
		const share = (value: number) => ({ value, format: 'percent' });
		expect(sheet.rows[1]).toEqual([
			'PD_ANY',
			expect.any(String),
			9,
			25,
			share(0.36),
			0,
			share(0.3),
			share(0.28),
			'План достигнут'
		]);
		expect(sheet.rows[2]!.slice(2, 5)).toEqual([0, 0, 'нет данных']);
		expect(INDICATOR_CODES).toContain(sheet.rows[1]![0]);
	});
});
