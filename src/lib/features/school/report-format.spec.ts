import { beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorCode, IndicatorResult } from '$lib/domain/indicators';
import type { CompetenceBlock } from '$lib/domain/competence-report';
import type { Framework } from '$lib/domain/framework';
import type { SchoolReport } from '$lib/features/reports/report';
import type { Cell } from '$lib/features/reports/xlsx-write';
import {
	growthSheet,
	heatmapSheet,
	indicatorsSheet,
	percent,
	reportFileName,
	schoolsSheet,
	staffSheet
} from './report-format';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school'));

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

const framework = {
	competencies: [
		{ id: 'goal', group: 'meta', title: 'Целеполагание' },
		{ id: 'subject', group: 'subject', title: 'Предметные знания' }
	]
} as unknown as Framework;

function block(overrides: Partial<CompetenceBlock> = {}): CompetenceBlock {
	return {
		teachers: 29,
		suppressed: false,
		competencies: [
			{
				competencyId: 'goal',
				group: 'meta',
				teachers: 29,
				entry: 2.6551724137931036,
				final: 2.9310344827586206,
				suppressed: false
			},
			{
				competencyId: 'subject',
				group: 'subject',
				teachers: 29,
				entry: 1.0344827586206897,
				final: null,
				suppressed: false
			}
		],
		groups: [
			{
				group: 'meta',
				teachers: 29,
				entry: 2.6551724137931036,
				final: 2.9310344827586206,
				growth: { numerator: 19, denominator: 29, value: 19 / 29, noData: 2 },
				suppressed: false
			}
		],
		heatmap: [
			{
				competencyId: 'goal',
				assessed: 29,
				mean: 2.6551724137931036,
				deficitTeachers: 3,
				deficitShare: 3 / 29,
				suppressed: false
			},
			{
				competencyId: 'subject',
				assessed: 29,
				mean: 1.0344827586206897,
				deficitTeachers: 0,
				deficitShare: 0,
				suppressed: false
			}
		],
		topDeficits: [],
		planCompletion: null,
		mentoring: null,
		observations: null,
		...overrides
	} as CompetenceBlock;
}

/** The text a percent cell shows in a spreadsheet set to Russian: 0.667 as «66,7 %». */
function shown(cell: Cell | undefined): string {
	if (cell && typeof cell === 'object' && cell.format === 'percent') return percent(cell.value);
	return String(cell);
}

describe('the report exports', () => {
	it('write each share as the percentage the screen shows, rounded the same, in a percent format', () => {
		const rows = [
			result('PD_ANY', { numerator: 2, denominator: 3, value: 2 / 3, target: 0.3, previous: 0.6551724137931034 }),
			result('YOUNG_SUPPORTED', { numerator: 0, denominator: 0, value: null })
		];
		const sheet = indicatorsSheet('Показатели', rows);
		const [, pd, young] = sheet.rows;
		expect(pd![4]).toEqual({ value: 0.667, format: 'percent' });
		expect(shown(pd![4])).toBe(percent(2 / 3));
		expect(pd![6]).toEqual({ value: 0.3, format: 'percent' });
		expect(pd![7]).toEqual({ value: 0.655, format: 'percent' });
		expect(young![4]).toBe('нет данных');
		for (const row of sheet.rows)
			for (const cell of row) if (typeof cell === 'number') expect(Number.isInteger(cell), String(cell)).toBe(true);
	});

	it('write the mean levels with two decimals, never a raw float such as 2.6551724137931036', () => {
		const sheet = growthSheet('Рост', framework, block(), null);
		const flat = sheet.rows.flat();
		for (const cell of flat) {
			const value = typeof cell === 'number' ? cell : cell && typeof cell === 'object' ? cell.value : null;
			if (value !== null) expect(Math.round(value * 1000) / 1000, String(value)).toBe(value);
		}
		const meta = sheet.rows.find((r) => r[0] === 'Метапредметные')!;
		expect(meta[2]).toEqual({ value: 2.66, format: 'decimal2' });
		expect(meta[3]).toEqual({ value: 2.93, format: 'decimal2' });
		const heat = heatmapSheet('Карта', framework, [{ label: 'Школа', block: block() }]);
		expect(heat.rows[1]).toEqual([
			'Целеполагание',
			{ value: 2.66, format: 'decimal2' },
			{ value: 0.103, format: 'percent' }
		]);
	});

	it('name the compared diagnostic by the stage: промежуточная at the intermediate stage, итоговая for the year', () => {
		const atIntermediate = growthSheet('Рост', framework, block(), 'intermediate');
		expect(atIntermediate.rows[0]).toContain('Промежуточная');
		expect(atIntermediate.rows.flat().join(' ')).not.toMatch(/итогов/i);
		const forYear = growthSheet('Рост', framework, block(), null);
		expect(forYear.rows[0]).toContain('Итоговая');
		expect(forYear.rows[0]).not.toContain('Промежуточная');
	});

	it('write the staff profile’s shares and the schools’ indicators as percent cells', () => {
		const staff = {
			date: '2027-01-01',
			teachers: 3,
			suppressed: false,
			categoryExpiryUnknown: 0,
			age: [
				{ key: 'under-25', count: 1, share: 1 / 3 },
				{ key: '25-29', count: 2, share: 2 / 3 }
			],
			experience: [],
			education: [],
			category: []
		};
		const sheet = staffSheet('Кадры', staff as unknown as Parameters<typeof staffSheet>[1]);
		const young = sheet.rows.find((r) => r[1] === 'моложе 25')!;
		expect(young[2]).toBe(1);
		expect(young[3]).toMatchObject({ format: 'percent' });
		expect(shown(young[3])).toBe('33,3\u00a0%');

		const school = {
			school: { id: 's', name: 'МБОУ «Школа»' },
			teachers: 12,
			suppressed: false,
			indicators: [result('PD_ANY', { value: 5 / 12 })]
		} as unknown as SchoolReport;
		const schools = schoolsSheet('Школы', [school]);
		expect(schools.rows[1]).toEqual(['МБОУ «Школа»', 12, { value: 0.417, format: 'percent' }]);
	});

	it('write a school withheld to protect a smaller one with the reason, in every sheet, and a group’s growth left to the indicators', () => {
		const reason = 'скрыто, чтобы нельзя было вычислить данные школы с числом педагогов меньше 5';
		const withheldSchool = {
			school: { id: 's', name: 'МБОУ «Школа»' },
			teachers: 8,
			suppressed: true,
			secondary: true,
			indicators: [result('PD_ANY', { value: null, suppressed: true, secondary: true })]
		} as unknown as SchoolReport;
		const small = {
			school: { id: 't', name: 'Малая' },
			teachers: 1,
			suppressed: true,
			secondary: false,
			indicators: [result('PD_ANY', { value: null, suppressed: true })]
		} as unknown as SchoolReport;
		expect(schoolsSheet('Школы', [withheldSchool, small]).rows.slice(1)).toEqual([
			['МБОУ «Школа»', 8, reason],
			['Малая', 1, 'недостаточно данных']
		]);
		const staff = {
			date: '2027-01-01',
			teachers: 8,
			suppressed: true,
			secondary: true,
			age: null,
			experience: null,
			education: null,
			category: null,
			categoryExpiryUnknown: null
		};
		expect(staffSheet('Кадры', staff).rows[1]).toEqual(['Всего', '', 8, reason]);
		const municipal = block();
		municipal.groups![0] = {
			...municipal.groups![0]!,
			growth: { numerator: null, denominator: null, value: null, noData: null }
		};
		municipal.heatmap![0] = { ...municipal.heatmap![0]!, mean: null, suppressed: true, secondary: true };
		expect(growthSheet('Рост', framework, municipal, null).rows[1]![5]).toBe('см. показатели');
		expect(heatmapSheet('Карта', framework, [{ label: 'Итого', block: municipal }]).rows[1]![1]).toBe(reason);
	});

	it('name a file by the academic year with an en dash, «2026–2027», never «20262027»', () => {
		expect(reportFileName('Показатели и плановые значения', 'Кадниковская СШ', 2026, null)).toBe(
			'Показатели и плановые значения Кадниковская СШ 2026–2027'
		);
		expect(reportFileName('Показатели', 'МБОУ «Кадниковская средняя школа»', 2025, 'intermediate')).toBe(
			'Показатели МБОУ Кадниковская средняя школа 2025–2026 промежуточный этап'
		);
		expect(reportFileName('Рост: входная / итоговая', 'Школа', 2026, null)).not.toMatch(/[\\/:*?"<>|]/);
	});
});
