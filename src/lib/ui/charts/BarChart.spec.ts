// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import BarChart from './BarChart.svelte';

afterEach(() => cleanup());

function draw() {
	const { container } = render(BarChart, {
		props: {
			title: 'Средний балл по компетенциям',
			categoryLabel: 'Компетенция',
			categories: ['Целеполагание', 'Оценочная компетенция'],
			series: [
				{ label: 'Входная', values: [1.5, null] },
				{ label: 'Итоговая', values: [3, 0] }
			],
			max: 3,
			noDataLabel: 'нет данных',
			formatValue: (v: number) => v.toFixed(1).replace('.', ',')
		}
	});
	return container;
}

describe('the bar chart', () => {
	it('gives screen readers the numbers as a table, missing data written out', () => {
		draw();
		const table = screen.getByRole('table', { name: 'Средний балл по компетенциям' });
		expect(
			within(table)
				.getAllByRole('columnheader')
				.map((h) => h.textContent)
		).toEqual(['Компетенция', 'Входная', 'Итоговая']);
		const rows = within(table).getAllByRole('row').slice(1);
		expect(rows.map((r) => Array.from(r.children, (c) => c.textContent))).toEqual([
			['Целеполагание', '1,5', '3,0'],
			['Оценочная компетенция', 'нет данных', '0,0']
		]);
	});

	it('writes why a withheld value is missing, where the series says so for that value', () => {
		render(BarChart, {
			props: {
				title: 'Показатели',
				categoryLabel: 'Показатель',
				categories: ['ИОМ', 'Наставничество'],
				series: [{ label: 'Значение', values: [null, null], missingEach: [null, 'скрыто*'] }],
				max: 100,
				noDataLabel: 'нет данных'
			}
		});
		const rows = within(screen.getByRole('table', { name: 'Показатели' }))
			.getAllByRole('row')
			.slice(1);
		expect(rows.map((r) => r.children[1]!.textContent)).toEqual(['нет данных', 'скрыто*']);
	});

	it('draws a bar per known value, scaled to max, and never draws missing data as zero', () => {
		const container = draw();
		const bars = Array.from(container.querySelectorAll('svg.track rect:last-of-type'), (r) => r.getAttribute('width'));
		// 1.5 of 3, 3 of 3, and 0 as a thin mark; the null has no track at all.
		expect(bars).toEqual(['50%', '100%', '3']);
		expect(container.querySelectorAll('svg.track')).toHaveLength(3);
		expect(container.querySelector('.none')?.textContent).toBe('нет данных');
	});

	it('says what a series lacks in its own words: a planned value not set is «план не задан», not «нет данных»', () => {
		const { container } = render(BarChart, {
			props: {
				title: 'Показатели',
				categoryLabel: 'Показатель',
				categories: ['КПК', 'Рост'],
				series: [
					{ label: 'Значение', values: [32, null] },
					{ label: 'План', values: [null, 50], missing: 'план не задан' }
				],
				max: 100,
				noDataLabel: 'нет данных'
			}
		});
		const rows = Array.from(container.querySelectorAll('.row'), (r) => r.textContent ?? '');
		expect(rows[0]).toContain('план не задан');
		expect(rows[0]).not.toContain('нет данных');
		expect(rows[1]).toContain('нет данных');
		const table = screen.getByRole('table', { name: 'Показатели' });
		expect(within(table).getAllByRole('row')[1]!.textContent).toContain('план не задан');
	});
});
