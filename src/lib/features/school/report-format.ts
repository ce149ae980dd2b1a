import type { IndicatorResult } from '$lib/domain/indicators';
import { targetStatus } from '$lib/domain/indicators';
import { displayPercents, type StaffCount, type StaffProfileBlock } from '$lib/domain/staff-profile';
import type { CompetenceBlock, GroupRow } from '$lib/domain/competence-report';
import type { Framework } from '$lib/domain/framework';
import type { Stage } from '$lib/domain/assessment';
import type { Cell, FormattedNumber, Sheet } from '$lib/features/reports/xlsx-write';
import type { SchoolReport } from '$lib/features/reports/report';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import * as format from '$lib/i18n/format';

/**
 * How the methodists' report figures are written, on screen and in the XLSX exports alike, so a
 * downloaded table holds exactly what the screen showed: a share as a percentage to one decimal
 * (in the file, the same rounded share in a percent format), a mean level to two decimals, a
 * missing figure as «нет данных» (never 0), a withheld one as «недостаточно данных» (its own group
 * is under 5 teachers) or, withheld to protect another group (domain/disclosure.ts, `secondary`),
 * as «скрыто*» with the reason under the table — in a file, the reason in full.
 */

/** 0.48 → 48.0: the percentage to one decimal, rounded half up (for the charts and inputs). */
export function percentNumber(share: number): number {
	return Math.round(share * 1000) / 10;
}

/** A share as the file keeps it: rounded as the screen shows it, in a percent format. */
export function shareCell(share: number): FormattedNumber {
	return { value: Math.round(share * 1000) / 1000, format: 'percent' };
}

/** A 0–3 mean as the file keeps it: two decimals, as on screen. */
export function levelCell(mean: number): FormattedNumber {
	return { value: Math.round(mean * 100) / 100, format: 'decimal2' };
}

/**
 * The words for a withheld figure: «недостаточно данных» when its own group is under 5 teachers,
 * else the reason it is hidden — in full, or (`short`, a table cell) «скрыто*», explained by
 * report.secondaryNote under the table.
 */
export function withheld(secondary: boolean | undefined, short = false): string {
	if (!secondary) return t('report.insufficient');
	return short ? t('report.secondaryShort') : t('report.secondary');
}

/** Whether any of these figures is withheld to protect another group: the table then carries the note. */
export function anySecondary(
	figures: readonly ({ suppressed: boolean; secondary?: boolean } | null | undefined)[]
): boolean {
	return figures.some((f) => !!f?.suppressed && !!f.secondary);
}

export function percent(share: number | null, suppressed = false, secondary = false): string {
	if (suppressed) return withheld(secondary, true);
	if (share === null) return t('report.noData');
	return format.percent(share, 1, i18n.locale);
}

/** A 0–3 level mean to two decimals, or «нет данных». */
export function level(mean: number | null, suppressed = false, secondary = false): string {
	if (suppressed) return withheld(secondary, true);
	if (mean === null) return t('report.noData');
	return format.decimal(mean, 2, i18n.locale);
}

/** A difference of means with its sign: «+0,31», «−0,08». */
export function delta(entry: number | null, final: number | null): string {
	if (entry === null || final === null) return t('report.noData');
	const d = final - entry;
	return `${d >= 0 ? '+' : '−'}${format.decimal(Math.abs(d), 2, i18n.locale)}`;
}

/** A bar's label on a 0–100 scale: «32 %». */
export function wholePercent(value: number): string {
	return format.percent(value / 100, 0, i18n.locale);
}

export function fraction(numerator: number | null, denominator: number | null): string {
	return numerator === null || denominator === null ? '—' : `${numerator} / ${denominator}`;
}

/** The stage a report compares the entry with: итоговая for the whole year. */
function compared(stage: Stage | null | undefined): Stage {
	return stage ?? 'final';
}

/** The growth section's title by stage: «… входная и промежуточная диагностика». */
export function growthTitle(stage: Stage | null | undefined): string {
	return t(`report.growth.${compared(stage)}`);
}

export function growthHint(stage: Stage | null | undefined): string {
	return t(`report.growthHint.${compared(stage)}`);
}

/** The column of the diagnostic compared with the entry: «Итоговая», «Промежуточная». */
export function comparedColumn(stage: Stage | null | undefined): string {
	return t(`report.colCompared.${compared(stage)}`);
}

/** Teachers left out of a growth figure, in the stage's words. */
export function noDataPair(n: number, stage: Stage | null | undefined): string {
	return t(`report.noDataPair.${compared(stage)}`, n);
}

/**
 * A download's name: the table, the scope, the academic year as «2026–2027» (an en dash: a
 * slash cannot be in a file name) and the stage, without the characters file systems refuse.
 */
export function reportFileName(title: string, scope: string, year: number, stage: Stage | null): string {
	const stagePart = stage ? ` ${t('report.stageFile', t(`report.stageOption.${stage}`).toLowerCase())}` : '';
	return `${title} ${scope} ${year}–${year + 1}${stagePart}`
		.replace(/[\\/:*?"<>|«»]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
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
function figure(value: number | null, suppressed: boolean, as: 'percent' | 'level', secondary = false): Cell {
	if (suppressed) return withheld(secondary);
	if (value === null) return t('report.noData');
	return as === 'percent' ? shareCell(value) : levelCell(value);
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
				r.suppressed ? withheld(r.secondary) : r.numerator,
				r.suppressed ? withheld(r.secondary) : r.denominator,
				figure(r.value, r.suppressed, 'percent', r.secondary),
				r.suppressed ? null : r.noData,
				r.target === null ? null : shareCell(r.target),
				figure(r.previous, r.suppressed, 'percent', r.secondary),
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
		{
			key: 'experience',
			title: t('report.staffExperience'),
			rows: labelled(block.experience, (k) => t(`expBand.${k}`))
		},
		{
			key: 'education',
			title: t('report.staffEducation'),
			rows: labelled(block.education, (k) => t(`education.${k}`))
		},
		{ key: 'category', title: t('report.staffCategory'), rows: labelled(block.category, (k) => t(`category.${k}`)) }
	];
}

export function staffSheet(name: string, block: StaffProfileBlock): Sheet {
	const rows: Cell[][] = [[t('report.colGroup'), '', t('report.colPeople'), t('report.colShare')]];
	if (block.suppressed) rows.push([t('report.total'), '', block.teachers, withheld(block.secondary)]);
	for (const b of breakdowns(block)) {
		for (const r of b.rows)
			rows.push([b.title, r.label, r.count, block.teachers === 0 ? t('report.noData') : shareCell(r.percent / 100)]);
	}
	rows.push([t('report.total'), '', block.teachers, null]);
	return { name, rows };
}

export function competencyTitle(framework: Framework, id: string): string {
	return framework.competencies.find((c) => c.id === id)?.title ?? id;
}

/** The growth table as on screen; the compared column is named by the report's stage. */
export function growthSheet(name: string, framework: Framework, block: CompetenceBlock, stage: Stage | null): Sheet {
	const rows: Cell[][] = [
		[
			t('report.colCompetency'),
			t('report.colBoth'),
			t('report.colEntry'),
			comparedColumn(stage),
			t('report.colDelta'),
			t('report.colGrowth'),
			t('report.colNumerator'),
			t('report.colNoPair')
		]
	];
	const gain = (entry: number | null, final: number | null, suppressed: boolean): Cell =>
		suppressed || entry === null || final === null ? null : levelCell(final - entry);
	if (block.suppressed) rows.push([t('report.total'), withheld(block.secondary)]);
	for (const g of block.groups ?? []) {
		rows.push([
			t(`group.${g.group}`),
			g.teachers,
			figure(g.entry, g.suppressed, 'level', g.secondary),
			figure(g.final, g.suppressed, 'level', g.secondary),
			gain(g.entry, g.final, g.suppressed),
			growthShown(g) ? figure(g.growth.value, g.suppressed, 'percent', g.secondary) : t('report.growthInIndicators'),
			g.suppressed ? null : g.growth.numerator,
			g.growth.noData
		]);
	}
	for (const c of block.competencies ?? []) {
		rows.push([
			competencyTitle(framework, c.competencyId),
			c.teachers,
			figure(c.entry, c.suppressed, 'level', c.secondary),
			figure(c.final, c.suppressed, 'level', c.secondary),
			gain(c.entry, c.final, c.suppressed),
			null,
			null,
			null
		]);
	}
	return { name, rows };
}

/**
 * Growth per group is part of the competence table for the school's own methodist; an
 * aggregate-only reader gets it from the indicators (GROWTH_META, GROWTH_SUBJECT) only, and the
 * group row carries none (every growth figure null, not withheld).
 */
export function growthShown(g: GroupRow): boolean {
	return g.suppressed || g.growth.noData !== null;
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
			if (!cell || c.block.suppressed) row.push(withheld(c.block.secondary), withheld(c.block.secondary));
			else
				row.push(
					figure(cell.mean, cell.suppressed, 'level', cell.secondary),
					figure(cell.deficitShare, false, 'percent')
				);
		}
		rows.push(row);
	}
	return { name, rows };
}

/** The municipal matrix: a row per school, a column per indicator (a share, in a percent format). */
export function schoolsSheet(name: string, schools: readonly SchoolReport[]): Sheet {
	const codes = schools[0]?.indicators.map((r) => r.code) ?? [];
	return {
		name,
		rows: [
			[t('municipal.colSchool'), t('municipal.colTeachers'), ...codes.map((code) => t(`ind.${code}`))],
			...schools.map((s) => [
				s.school.name,
				s.teachers,
				...s.indicators.map((r) =>
					figure(r.value, r.suppressed || s.suppressed, 'percent', s.suppressed ? s.secondary : r.secondary)
				)
			])
		]
	};
}
