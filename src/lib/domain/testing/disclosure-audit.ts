/**
 * The attacker's side of disclosure control (DOMAIN.md, "Disclosure control"), for tests: takes
 * every answer an aggregate-only reader got — report_indicators, report_staff_profile and
 * report_competence for a municipality and for each of its schools, at every year and stage —
 * does the arithmetic an attacker would, and says which figure about a group of 1 … N−1
 * teachers it yields. Works on the SQL answers (tests/db) and on the TypeScript ones alike.
 *
 * The arithmetic:
 * - subtraction: a municipality's total minus the schools shown gives the withheld schools
 *   together (one, two or more);
 * - differencing: one school's (or the total's, or the withheld remainder's) figure at two stages
 *   or two years, or two linked figures (the heat map and the rows of a competency), gives a
 *   figure about the teachers whose contribution differs between the two;
 * - repetition: a figure withheld in one answer and shown in another is shown.
 * What a derived figure is about is worked out from the data (the ground truth the reader does
 * not have): the teachers whose rows enter it. A count over a school's whole staff (head counts,
 * bands, how many teachers took a course, how many have an assessment pair) is about the staff;
 * a value over a group (a share of the teachers with a pair, a mean of scores, deficits, plan
 * actions) is about that group. Two figures differ for a teacher when her contribution differs:
 * for means of scores, a different assessment counted (or none); for counts and shares, being in
 * one group and not in the other.
 */
import type { Stage } from '../assessment';
import { STAGE_ORDER } from '../assessment';
import type { Id } from '../common';
import { competenceBlock, type CompetenceInput, type ReportAssessment } from '../competence-report';
import { COMPETENCY_GROUPS } from '../framework';
import { countIndicators, type IndicatorData, type IndicatorResult } from '../indicators';
import { competencyMean, groupMean } from '../scoring';

export interface AuditWorld {
	/** The municipality's schools with the teachers each counts. */
	schools: readonly { id: Id; teachers: readonly Id[] }[];
	/** Every teacher of those schools and their rows, as the indicators take them. */
	indicators: IndicatorData;
	/** The same teachers and rows as the competence report takes them (its academicYear and stage are ignored). */
	competence: CompetenceInput;
	threshold: number;
	min: number;
}

type Block = Record<string, unknown>;
/** One answer: what report it is, for which scope, year and stage, and the JSON (SQL or TypeScript shape). */
export type Answer =
	| { report: 'indicators'; scope: Id; year: number; stage: Stage | null; answer: Block }
	| { report: 'staff'; scope: Id; year: number; answer: Block }
	| { report: 'competence'; scope: Id; year: number; stage: Stage | null; answer: Block };

interface Published {
	family: string;
	column: string;
	fn: string;
	kind: 'count' | 'value';
	unit: Id;
	value: number | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** An answer's blocks: the scope's own and each school's, keyed by unit (the SQL and the TypeScript shapes). */
function blocksOf(a: Answer): { unit: Id; block: Block }[] {
	const own = typeof a.answer.scope === 'object' && a.answer.scope !== null ? (a.answer.scope as Block) : a.answer;
	const schools = (a.answer.schools as Block[] | undefined) ?? [];
	return [
		{ unit: a.scope, block: own },
		...schools.map((s) => ({ unit: (s.schoolId ?? s.school_id) as Id, block: s }))
	];
}

function published(answers: readonly Answer[]): Published[] {
	const out: Published[] = [];
	const put = (p: Omit<Published, 'value'>, value: unknown) => out.push({ ...p, value: num(value) });
	for (const a of answers) {
		const stage = a.report === 'staff' ? 'final' : (a.stage ?? 'final');
		for (const { unit, block } of blocksOf(a)) {
			if (a.report === 'indicators') {
				for (const r of (block.indicators as IndicatorResult[] | null) ?? []) {
					const kind = r.code.startsWith('GROWTH_')
						? 'growth'
						: r.code === 'DEFICITS_CLOSED'
							? 'deficits'
							: r.code === 'YOUNG_SUPPORTED'
								? 'young'
								: 'teachers';
					if (kind === 'teachers') {
						put({ family: `ind:${r.code}`, column: `${a.year}`, fn: 'numerator', kind: 'count', unit }, r.numerator);
						put(
							{ family: `ind:${r.code}`, column: `${a.year}`, fn: 'denominator', kind: 'count', unit },
							r.denominator
						);
						put({ family: `ind:${r.code}`, column: `${a.year - 1}`, fn: 'share', kind: 'count', unit }, r.previous);
					} else if (kind === 'growth') {
						if (stage === 'entry') continue;
						const family = r.code === 'GROWTH_META' ? 'growth:meta' : 'growth:subject';
						put({ family, column: `${a.year}:${stage}`, fn: 'grown', kind: 'value', unit }, r.numerator);
						put({ family, column: `${a.year}:${stage}`, fn: 'pairs', kind: 'count', unit }, r.denominator);
						put({ family, column: `${a.year - 1}:${stage}`, fn: 'share', kind: 'value', unit }, r.previous);
					} else if (kind === 'deficits') {
						put({ family: 'deficits', column: `${a.year}`, fn: 'closed', kind: 'value', unit }, r.numerator);
						put({ family: 'deficits', column: `${a.year}`, fn: 'open', kind: 'value', unit }, r.denominator);
						put({ family: 'deficits', column: `${a.year - 1}`, fn: 'share', kind: 'value', unit }, r.previous);
					} else {
						put({ family: 'young', column: `${a.year}`, fn: 'supported', kind: 'value', unit }, r.numerator);
						put({ family: 'young', column: `${a.year}`, fn: 'young', kind: 'count', unit }, r.denominator);
						put({ family: 'young', column: `${a.year - 1}`, fn: 'share', kind: 'value', unit }, r.previous);
					}
				}
			} else if (a.report === 'staff') {
				for (const breakdown of ['age', 'experience', 'education', 'category'] as const) {
					for (const row of (block[breakdown] as { key: string; count: number }[] | null) ?? []) {
						put(
							{ family: `staff:${breakdown}:${row.key}`, column: `${a.year}`, fn: 'count', kind: 'count', unit },
							row.count
						);
					}
				}
				put(
					{ family: 'staff:expiryUnknown', column: `${a.year}`, fn: 'count', kind: 'count', unit },
					block.categoryExpiryUnknown
				);
			} else {
				for (const c of (block.heatmap as Block[] | null) ?? []) {
					const family = `comp:${c.competencyId as string}`;
					const n = num(c.assessed);
					put(
						{ family, column: `${a.year}:heat:${stage}`, fn: 'mean', kind: 'value', unit },
						c.mean === null || n === null ? null : Number(c.mean) * n
					);
					put(
						{
							family: `assessed:${c.competencyId as string}`,
							column: `${a.year}:${stage}`,
							fn: 'count',
							kind: 'count',
							unit
						},
						n
					);
					put(
						{ family: `deficit:${c.competencyId as string}`, column: `${a.year}`, fn: 'count', kind: 'count', unit },
						c.deficitTeachers
					);
				}
				if (stage !== 'entry') {
					for (const r of (block.competencies as Block[] | null) ?? []) {
						const family = `comp:${r.competencyId as string}`;
						const n = num(r.teachers);
						put(
							{ family, column: `${a.year}:entry:${stage}`, fn: 'mean', kind: 'value', unit },
							r.entry === null || n === null ? null : Number(r.entry) * n
						);
						put(
							{ family, column: `${a.year}:compared:${stage}`, fn: 'mean', kind: 'value', unit },
							r.final === null || n === null ? null : Number(r.final) * n
						);
						put(
							{
								family: `pairs:${r.competencyId as string}`,
								column: `${a.year}:${stage}`,
								fn: 'count',
								kind: 'count',
								unit
							},
							n
						);
					}
					for (const g of (block.groups as Block[] | null) ?? []) {
						const family = `group:${g.group as string}`;
						const n = num(g.teachers);
						put(
							{ family, column: `${a.year}:entry:${stage}`, fn: 'mean', kind: 'value', unit },
							g.entry === null || n === null ? null : Number(g.entry) * n
						);
						put(
							{ family, column: `${a.year}:compared:${stage}`, fn: 'mean', kind: 'value', unit },
							g.final === null || n === null ? null : Number(g.final) * n
						);
						put(
							{ family: `pairs:${g.group as string}`, column: `${a.year}:${stage}`, fn: 'count', kind: 'count', unit },
							n
						);
						put(
							{
								family: `compgrowth:${g.group as string}`,
								column: `${a.year}:entry:${stage}`,
								fn: 'grown',
								kind: 'value',
								unit
							},
							(g.growth as Block).numerator
						);
					}
				}
				for (const d of (block.topDeficits as Block[] | null) ?? []) {
					put(
						{ family: `top:${d.competencyId as string}`, column: `${a.year}`, fn: 'count', kind: 'count', unit },
						d.teachers
					);
				}
				const plan = block.planCompletion as Block | null;
				if (plan) {
					put({ family: 'plan', column: `${a.year}`, fn: 'done', kind: 'value', unit }, plan.numerator);
					put({ family: 'plan', column: `${a.year}`, fn: 'total', kind: 'value', unit }, plan.denominator);
				}
				const mentoring = block.mentoring as Block | null;
				if (mentoring)
					put({ family: 'mentoring', column: `${a.year}`, fn: 'covered', kind: 'value', unit }, mentoring.numerator);
				const obs = block.observations as Block | null;
				if (obs) put({ family: 'observations', column: `${a.year}`, fn: 'count', kind: 'count', unit }, obs.count);
			}
		}
	}
	return out;
}

/**
 * Every figure the answers show, by family, column, figure and unit (null: withheld): what two
 * computations of the same answers must agree on, withheld figures included.
 */
export function figuresOf(answers: readonly Answer[]): Map<string, number | null> {
	const out = new Map<string, number | null>();
	for (const p of published(answers)) out.set(`${p.family}|${p.column}|${p.fn}|${p.unit}`, p.value);
	return out;
}

// ——— Ground truth: who is in each figure, and what each teacher contributes ———————————————

/** The assessments counted for a teacher in a year: the latest of each stage (kind self, the framework). */
function stageOf(world: AuditWorld, teacher: Id, year: number): Partial<Record<Stage, ReportAssessment>> {
	const out: Partial<Record<Stage, ReportAssessment>> = {};
	const kind = world.competence.kind ?? 'self';
	for (const a of world.competence.assessments) {
		if (a.teacherId !== teacher || a.deletedAt !== null || a.status !== 'submitted' || a.kind !== kind) continue;
		if (a.academicYear !== year || a.frameworkId !== world.competence.framework.id) continue;
		const held = out[a.stage];
		const later =
			!held ||
			Date.parse(a.submittedAt ?? '') > Date.parse(held.submittedAt ?? '') ||
			(Date.parse(a.submittedAt ?? '') === Date.parse(held.submittedAt ?? '') && a.id > held.id);
		if (later) out[a.stage] = a;
	}
	return out;
}

/** A teacher's own rows only, so that her figures are computed without scanning everyone's. */
function ownWorld(world: AuditWorld, teacher: Id): AuditWorld {
	const own = <T extends { teacherId: Id }>(rows: readonly T[]) => rows.filter((r) => r.teacherId === teacher);
	const i = world.indicators;
	const c = world.competence;
	const plans = own(c.plans);
	const planIds = new Set(plans.map((p) => p.id));
	return {
		...world,
		indicators: {
			...i,
			teachers: i.teachers.filter((t) => t.id === teacher),
			activities: own(i.activities),
			developmentPlans: own(i.developmentPlans),
			assessments: own(i.assessments),
			deficits: own(i.deficits),
			mentoringPairs: i.mentoringPairs.filter((p) => p.menteeId === teacher),
			mentoringSessions: i.mentoringSessions.filter((p) => p.menteeId === teacher),
			observations: own(i.observations)
		},
		competence: {
			...c,
			teachers: c.teachers.filter((t) => t.id === teacher),
			assessments: own(c.assessments),
			deficits: own(c.deficits),
			plans,
			actions: c.actions.filter((a) => planIds.has(a.planId)),
			pairs: c.pairs.filter((p) => p.menteeId === teacher),
			observations: own(c.observations)
		}
	};
}

/**
 * What a teacher contributes to a column of a family: 0 when she is not in its group; else an id
 * that is equal for two columns exactly when her contribution is the same. `world` holds her rows only.
 */
function contribution(world: AuditWorld, family: string, column: string, teacher: Id): number {
	const parts = column.split(':');
	const year = Number(parts[0]);
	const single = (stage: Stage | null) =>
		countIndicators(world.indicators, year, { stage, threshold: world.threshold });
	const block = () =>
		competenceBlock(
			{ ...world.competence, academicYear: year, stage: null, threshold: world.threshold },
			world.competence.teachers
		);
	if (family.startsWith('growth:')) {
		const code = family === 'growth:meta' ? 'GROWTH_META' : 'GROWTH_SUBJECT';
		return single(parts[1] as Stage).find((c) => c.code === code)!.denominator;
	}
	if (family === 'deficits') return single(null).find((c) => c.code === 'DEFICITS_CLOSED')!.denominator > 0 ? 1 : 0;
	if (family === 'young') return single(null).find((c) => c.code === 'YOUNG_SUPPORTED')!.denominator;
	if (family === 'plan') return (block().planCompletion?.denominator ?? 0) > 0 ? 1 : 0;
	if (family === 'mentoring') return block().mentoring?.denominator ?? 0;
	if (family.startsWith('comp:') || family.startsWith('group:') || family.startsWith('compgrowth:')) {
		const framework = world.competence.framework;
		const id = family.slice(family.indexOf(':') + 1);
		const meanOf = (a: ReportAssessment) =>
			family.startsWith('comp:')
				? competencyMean(framework, a.scores, id)
				: groupMean(framework, a.scores, id as (typeof COMPETENCY_GROUPS)[number]);
		const own = stageOf(world, teacher, year);
		const stage = parts[2] as Stage;
		// A mean's contribution is the assessment counted: its year and stage.
		if (parts[1] === 'heat') {
			const latest = (['final', 'intermediate', 'entry'] as const).find(
				(s) => STAGE_ORDER[s] <= STAGE_ORDER[stage] && own[s]
			);
			return latest && meanOf(own[latest]!) !== null ? year * 10 + STAGE_ORDER[latest] : 0;
		}
		const paired = !!own.entry && !!own[stage] && meanOf(own.entry) !== null && meanOf(own[stage]!) !== null;
		if (!paired) return 0;
		// Growth is a yes or no per teacher: two columns differ for her only by being in one group and not the other.
		if (family.startsWith('compgrowth:')) return 1;
		return year * 10 + (parts[1] === 'entry' ? STAGE_ORDER.entry : STAGE_ORDER[stage]);
	}
	throw new Error(`no ground truth for ${family}`);
}

export interface Leak {
	attack: 'primary' | 'subtraction' | 'differencing' | 'repetition';
	figure: string;
	/** The teachers the derived figure is about (0 where it does not apply). */
	teachers: number;
	detail: string;
}

/** The fn of the main figure a «прошлый год» share belongs to. */
const MAIN_FN: Record<string, string> = { growth: 'grown', deficits: 'closed', young: 'supported', ind: 'numerator' };

/** Every figure about 1 … N−1 teachers the answers give away. */
export function audit(world: AuditWorld, answers: readonly Answer[], municipality: Id): Leak[] {
	const leaks: Leak[] = [];
	const min = world.min;
	const few = (n: number) => n > 0 && n < min;
	const staffOf = new Map(world.schools.map((s) => [s.id, s.teachers]));
	const all = published(answers);
	const worlds = new Map<Id, AuditWorld>();
	const memo = new Map<string, number>();
	const idOf = (family: string, column: string, teacher: Id) => {
		const key = `${family}|${column}|${teacher}`;
		if (!memo.has(key)) {
			if (!worlds.has(teacher)) worlds.set(teacher, ownWorld(world, teacher));
			memo.set(key, contribution(worlds.get(teacher)!, family, column, teacher));
		}
		return memo.get(key)!;
	};
	const members = (unit: Id): readonly Id[] =>
		unit === municipality ? world.schools.flatMap((s) => s.teachers) : (staffOf.get(unit) ?? []);
	const groupOf = (p: Pick<Published, 'family' | 'column' | 'kind'>, teachers: readonly Id[]) =>
		p.kind === 'count' ? teachers.length : teachers.filter((t) => idOf(p.family, p.column, t) !== 0).length;

	// Repetition: the same figure of the same unit shown with two values, or withheld and shown.
	const byKey = new Map<string, Published[]>();
	for (const p of all) {
		const key = `${p.family}|${p.column}|${p.fn}|${p.unit}`;
		byKey.set(key, [...(byKey.get(key) ?? []), p]);
	}
	const value = new Map<string, number | null>();
	for (const [key, list] of byKey) {
		const shown = list.filter((p) => p.value !== null);
		if (shown.length > 0 && shown.length < list.length)
			leaks.push({
				attack: 'repetition',
				figure: key,
				teachers: 0,
				detail: 'withheld in one answer, shown in another'
			});
		if (new Set(shown.map((p) => p.value!.toFixed(9))).size > 1)
			leaks.push({ attack: 'repetition', figure: key, teachers: 0, detail: 'two values' });
		value.set(key, shown[0]?.value ?? null);
	}
	const shownValue = (family: string, column: string, fn: string, unit: Id) =>
		value.get(`${family}|${column}|${fn}|${unit}`) ?? null;

	// Primary: a figure shown about few teachers; «прошлый год» shown while its own year withholds it.
	for (const [key, list] of byKey) {
		const p = list[0]!;
		if (value.get(key) === null) continue;
		const group = groupOf(p, members(p.unit));
		if (few(group)) leaks.push({ attack: 'primary', figure: key, teachers: group, detail: `shown: ${value.get(key)}` });
		if (p.fn === 'share') {
			const main = MAIN_FN[p.family.split(':')[0]!] ?? MAIN_FN[p.family]!;
			if (
				byKey.has(`${p.family}|${p.column}|${main}|${p.unit}`) &&
				shownValue(p.family, p.column, main, p.unit) === null
			) {
				leaks.push({
					attack: 'repetition',
					figure: key,
					teachers: 0,
					detail: '«прошлый год» shows a figure its own year withholds'
				});
			}
		}
	}

	// Subtraction: the municipality minus the schools shown.
	const figures = new Map<string, Published>();
	for (const p of all) if (p.fn !== 'share') figures.set(`${p.family}|${p.column}|${p.fn}`, p);
	const withheld = new Map<string, Id[]>();
	for (const [key, p] of figures) {
		const hidden = world.schools
			.filter((s) => value.get(`${key}|${s.id}`) === null || !byKey.has(`${key}|${s.id}`))
			.map((s) => s.id);
		withheld.set(key, hidden);
		const total = value.get(`${key}|${municipality}`);
		if (total === null || total === undefined || hidden.length === 0) continue;
		const remainder = total - world.schools.reduce((sum, s) => sum + (value.get(`${key}|${s.id}`) ?? 0), 0);
		const group = groupOf(
			p,
			hidden.flatMap((id) => staffOf.get(id) ?? [])
		);
		if (few(group))
			leaks.push({
				attack: 'subtraction',
				figure: key,
				teachers: group,
				detail: `total − shown schools = ${remainder} over ${hidden.length} withheld school(s)`
			});
	}

	// Differencing: two columns of a family for one unit, or for the withheld remainder.
	const families = new Map<string, Set<string>>();
	for (const p of figures.values()) {
		if (p.kind !== 'value') continue;
		const key = `${p.family}|${p.fn}`;
		families.set(key, (families.get(key) ?? new Set()).add(p.column));
	}
	const differing = (family: string, a: string, b: string, teachers: readonly Id[]) =>
		teachers.filter((t) => idOf(family, a, t) !== idOf(family, b, t)).length;
	for (const [key, columns] of families) {
		const [family, fn] = key.split('|') as [string, string];
		const list = [...columns].sort();
		for (let i = 0; i < list.length; i += 1) {
			for (let j = i + 1; j < list.length; j += 1) {
				const [a, b] = [list[i]!, list[j]!];
				for (const unit of [municipality, ...world.schools.map((s) => s.id)]) {
					const x = shownValue(family, a, fn, unit);
					const y = shownValue(family, b, fn, unit);
					if (x === null || y === null) continue;
					const d = differing(family, a, b, members(unit));
					if (few(d))
						leaks.push({
							attack: 'differencing',
							figure: `${family} ${fn} ${a} − ${b}`,
							teachers: d,
							detail: `unit ${unit}: ${x} − ${y}`
						});
				}
				// The withheld remainder at both columns: a school withheld at one column only may be
				// taken with its value shown at the other (its difference) or left as it is (its group).
				if (shownValue(family, a, fn, municipality) === null || shownValue(family, b, fn, municipality) === null)
					continue;
				const ha = new Set(withheld.get(`${family}|${a}|${fn}`) ?? []);
				const hb = new Set(withheld.get(`${family}|${b}|${fn}`) ?? []);
				if (ha.size === 0 && hb.size === 0) continue;
				let sums = [0];
				for (const s of world.schools) {
					const teachers = staffOf.get(s.id)!;
					const d = differing(family, a, b, teachers);
					if (ha.has(s.id) && hb.has(s.id)) sums = sums.map((x) => x + d);
					else if (ha.has(s.id) || hb.has(s.id)) {
						const side = ha.has(s.id) ? a : b;
						const own = teachers.filter((t) => idOf(family, side, t) !== 0).length;
						sums = [...new Set(sums.flatMap((x) => [x + d, x + own]))];
					}
				}
				const small = sums.find(few);
				if (small !== undefined)
					leaks.push({
						attack: 'differencing',
						figure: `${family} ${fn} ${a} − ${b}`,
						teachers: small,
						detail: 'withheld remainder at both'
					});
			}
		}
	}
	return leaks;
}
