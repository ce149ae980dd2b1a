import type { IndicatorResult } from '$lib/domain/indicators';
import { targetStatus } from '$lib/domain/indicators';
import { displayPercents, type StaffCount, type StaffProfileBlock } from '$lib/domain/staff-profile';
import type { CompetenceBlock } from '$lib/domain/competence-report';
import type { Framework } from '$lib/domain/framework';
import type { Cell, Sheet } from '$lib/features/reports/xlsx-write';
import type { SchoolReport } from '$lib/features/reports/report';
import { i18n, t } from '$lib/i18n/i18n.svelte';

/**
 * How the methodists' report figures are written, on screen and in the XLSX exports alike, so a
 * downloaded table holds exactly what the screen showed: a share as a percentage to one decimal,
 * a missing figure as «нет данных» (never 0), a withheld one as «недостаточно данных».
 */

const lang = () => (i18n.locale === 'ru' ? 'ru-RU' : 'en-GB');

/** 0.48 → 48.0 (one decimal, for the export and the screen alike). */
export function percentNumber(share: number): number {
	return Math.round(share * 1000) / 10;
}

export function percent(share: number | null, suppressed = false): string {
	if (suppressed) return t('report.insufficient');
	if (share === null) return t('report.noData');
	return `${percentNumber(share).toLocaleString(lang(), { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** A 0–3 level mean to two decimals, or «нет данных». */
export function level(mean: number | null, suppressed = false): string {
	if (suppressed) return t('report.insufficient');
	if (mean === null) return t('report.noData');
	return mean.toLocaleString(lang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function fraction(numerator: number | null, denominator: number | null): string {
	return numerator === null || denominator === null ? '—' : `${numerator} / ${denominator}`;
}

export type Mark = 'met' | 'missed' | 'none';

export function markOf(row: IndicatorResult): Mark {
	return targetStatus(row) ?? 'none';
}

export function markText(row: IndicatorResult): string {
	const mark = markOf(row);
	if (mark === 'met') return t('report.met');
	if (mark === 'missed') return t('report.missed');
	return row.target === null ? t('report.noTarget') : t('report.unknown');
}

export function indicatorName(row: Pick<IndicatorResult, 'code'>): string {
	return t(`ind.${row.code}`);
}

/** Numbers stay numbers (a spreadsheet can sum them); a missing one is its words, never 0. */
function figure(value: number | null, suppressed: boolean, asPercent = false): Cell {
	if (suppressed) return t('report.insufficient');
	if (value === null) return t('report.noData');
	return asPercent ? percentNumber(value) : value;
}

export function indicatorsSheet(name: string, rows: readonly IndicatorResult[]): Sheet {
	return {
		name,
		rows: [
			[
				t('report.colCode'),
				t('report.colIndicator'),
				t('report.colNumerator'),
				t('report.colDenominator'),
				t('report.colPercent'),
				t('report.colNoData'),
				t('report.colTarget'),
				t('report.colPrevious'),
				t('report.colMark')
			],
			...rows.map((r) => [
				r.code,
				indicatorName(r),
				r.suppressed ? t('report.insufficient') : r.numerator,
				r.suppressed ? t('report.insufficient') : r.denominator,
				figure(r.value, r.suppressed, true),
				r.suppressed ? null : r.noData,
				r.target === null ? null : percentNumber(r.target),
				figure(r.previous, r.suppressed, true),
				markText(r)
			])
		]
	};
}

export interface Breakdown {
	key: 'age' | 'experience' | 'education' | 'category';
	title: string;
	rows: { label: string; count: number; percent: number }[];
}

function labelled<K extends string>(counts: readonly StaffCount<K>[], label: (key: K) => string): Breakdown['rows'] {
	const percents = displayPercents(counts.map((c) => c.count));
	return counts.map((c, i) => ({ label: label(c.key), count: c.count, percent: percents[i]! }));
}

/** The four breakdowns with display percentages that add up to 100.0; [] when withheld. */
export function breakdowns(block: StaffProfileBlock): Breakdown[] {
	if (block.suppressed || !block.age || !block.experience || !block.education || !block.category) return [];
	return [
		{ key: 'age', title: t('report.staffAge'), rows: labelled(block.age, (k) => t(`ageBand.${k}`)) },
		{ key: 'experience', title: t('report.staffExperience'), rows: labelled(block.experience, (k) => t(`expBand.${k}`)) },
		{ key: 'education', title: t('report.staffEducation'), rows: labelled(block.education, (k) => t(`education.${k}`)) },
		{ key: 'category', title: t('report.staffCategory'), rows: labelled(block.category, (k) => t(`category.${k}`)) }
	];
}

export function staffSheet(name: string, block: StaffProfileBlock): Sheet {
	const rows: Cell[][] = [[t('report.colGroup'), '', t('report.colPeople'), t('report.colShare')]];
	if (block.suppressed) rows.push([t('report.total'), '', block.teachers, t('report.insufficient')]);
	for (const b of breakdowns(block)) {
		for (const r of b.rows) rows.push([b.title, r.label, r.count, block.teachers === 0 ? t('report.noData') : r.percent]);
	}
	rows.push([t('report.total'), '', block.teachers, null]);
	return { name, rows };
}

export function competencyTitle(framework: Framework, id: string): string {
	return framework.competencies.find((c) => c.id === id)?.title ?? id;
}

export function growthSheet(name: string, framework: Framework, block: CompetenceBlock): Sheet {
	const rows: Cell[][] = [[t('report.colCompetency'), t('report.colBoth'), t('report.colEntry'), t('report.colFinal'), t('report.colGrowth'), t('report.colNoPair')]];
	if (block.suppressed) rows.push([t('report.total'), t('report.insufficient')]);
	for (const g of block.groups ?? []) {
		rows.push([
			t(`group.${g.group}`),
			g.teachers,
			figure(g.entry, g.suppressed),
			figure(g.final, g.suppressed),
			g.suppressed ? t('report.insufficient') : g.growth.value === null ? t('report.noData') : `${g.growth.numerator} / ${g.growth.denominator}`,
			g.growth.noData
		]);
	}
	for (const c of block.competencies ?? []) {
		rows.push([competencyTitle(framework, c.competencyId), c.teachers, figure(c.entry, c.suppressed), figure(c.final, c.suppressed), null, null]);
	}
	return { name, rows };
}

export interface HeatColumn {
	label: string;
	block: CompetenceBlock;
}

export function heatmapSheet(name: string, framework: Framework, columns: readonly HeatColumn[]): Sheet {
	const header: Cell[] = [t('report.colCompetency')];
	for (const c of columns) header.push(`${c.label}: ${t('report.heatMean')}`, `${c.label}: ${t('report.heatDeficit')}`);
	const rows: Cell[][] = [header];
	for (const competency of framework.competencies) {
		const row: Cell[] = [competency.title];
		for (const c of columns) {
			const cell = c.block.heatmap?.find((h) => h.competencyId === competency.id);
			if (!cell || c.block.suppressed) row.push(t('report.insufficient'), t('report.insufficient'));
			else row.push(figure(cell.mean === null ? null : Math.round(cell.mean * 100) / 100, cell.suppressed), figure(cell.deficitShare, false, true));
		}
		rows.push(row);
	}
	return { name, rows };
}

/** The municipal matrix: a row per school, a column per indicator (value in %). */
export function schoolsSheet(name: string, schools: readonly SchoolReport[]): Sheet {
	const codes = schools[0]?.indicators.map((r) => r.code) ?? [];
	return {
		name,
		rows: [
			[t('municipal.colSchool'), t('municipal.colTeachers'), ...codes.map((code) => `${t(`ind.${code}`)}, %`)],
			...schools.map((s) => [s.school.name, s.teachers, ...s.indicators.map((r) => figure(r.value, r.suppressed || s.suppressed, true))])
		]
	};
}
