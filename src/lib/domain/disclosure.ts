import type { Id } from './common';
import { MIN_GROUP_SIZE } from './privacy';

/**
 * Disclosure control (DOMAIN.md, "Privacy" → "Disclosure control"): what a reader who may not see
 * individuals (a municipal or regional methodist, the administrator) is shown of a report, so
 * that no figure, and no sum or difference of figures shown to that reader, rests on fewer than
 * N teachers (N = the region's minimum group size, never below 5). The SQL twin is
 * private.disclosure_protect (supabase/migrations/20261207000700_disclosure_control.sql); the two
 * are compared figure by figure by tests/db.
 *
 * The model. A report's figures fall into families; within a family every school contributes one
 * figure per *column*, a column being the family's figure at one stage or year (the heat-map mean
 * of a competency at the intermediate stage; the growth share of 2025 at the final stage). Each
 * teacher contributes to a column through an *id*: 0 when she is not in the column's group, else
 * a number naming what she contributes (1 = present for counts and shares; the stage of the
 * assessment counted for means of scores). Per school and family the measures are:
 * - per column, the group: the teachers with a non-zero id;
 * - per pair of columns, the difference: the teachers whose id differs between the two. Two
 *   figures whose groups differ by these teachers can be subtracted to give a figure about them.
 * Every measure must be 0 or at least N for every school shown (primary suppression), for the
 * withheld schools of a municipality taken together (the remainder the municipality's total gives
 * away by subtraction: complementary suppression withholds the next-smallest school until it
 * holds N), and for the total. A family's schools are withheld at all its columns at once, so a
 * withheld school cannot be recovered by differencing two columns. When no school is left to
 * withhold, the total of the column's publication unit is withheld instead.
 *
 * Totals: a municipality's total is shown when its own measures pass and its schools' remainder
 * does; a region's total only when every municipality's total is shown (it is then their sum and
 * tells nothing more).
 */

/** The region's settings of disclosure control and growth (public.region_settings). */
export interface DisclosureSettings {
	/** Minimum group size N: 5 unless the administrator raised it. */
	minGroupSize: number;
	/** Growth threshold (DOMAIN.md, growth rule). */
	growthThreshold: number;
}

export const DEFAULT_DISCLOSURE: DisclosureSettings = { minGroupSize: MIN_GROUP_SIZE, growthThreshold: 0.25 };

/**
 * The academic years an aggregate-only reader may ask for: from `from` (the region's setting;
 * by default two years back, as the dashboards offer) to the current one.
 */
export function offeredYears(current: number, from: number | null = null): number[] {
	// At most ten years back (the SQL twin packs two columns a year into a 64-bit signature).
	const first = Math.max(Math.min(from ?? current - 2, current), current - 10);
	return Array.from({ length: current - first + 1 }, (_, i) => first + i);
}

/**
 * Every year a figure may be shown for: the offered years and the year before the first (shown
 * as «прошлый год» beside it). Families whose group changes from year to year are protected
 * across all of them at once, so the answer for one year never depends on which year was asked.
 */
export function disclosureYears(offered: readonly number[]): number[] {
	if (offered.length === 0) return [];
	return [offered[0]! - 1, ...offered];
}

/** A family: its columns, each in a publication unit (figures shown together, withheld together). */
export interface Family {
	/** Per column, the index of its publication unit. */
	units: readonly number[];
}

/** One teacher's ids, one per column (0: not in the column's group). */
export type Signature = readonly number[];

/** Measures of one school: the group per column, then the difference per pair of columns (c < c'). */
export function measuresOf(signatures: readonly Signature[], columns: number): number[] {
	const out: number[] = new Array(columns + (columns * (columns - 1)) / 2).fill(0);
	for (const ids of signatures) {
		for (let c = 0; c < columns; c += 1) if ((ids[c] ?? 0) !== 0) out[c]! += 1;
		let j = columns;
		for (let c = 0; c < columns; c += 1) {
			for (let d = c + 1; d < columns; d += 1) {
				if ((ids[c] ?? 0) !== (ids[d] ?? 0)) out[j]! += 1;
				j += 1;
			}
		}
	}
	return out;
}

/** The publication unit each measure belongs to: a column's, a difference's later column's. */
export function measureUnits(family: Family): number[] {
	const c = family.units.length;
	const out = [...family.units];
	for (let a = 0; a < c; a += 1) for (let b = a + 1; b < c; b += 1) out.push(family.units[b]!);
	return out;
}

export function unitCount(family: Family): number {
	return family.units.length === 0 ? 0 : Math.max(...family.units) + 1;
}

/** A group of 1 … N−1 teachers: too few to show (a group of none reveals nobody). */
export function isFew(n: number, min: number): boolean {
	return n > 0 && n < min;
}
const few = isFew;

export interface GroupSchool {
	id: Id;
	/** Withheld whatever its measures (a school withheld whole, or by another family). */
	forced: boolean;
	measures: readonly number[];
}

export interface GroupResult {
	/** Schools whose figures of the family are withheld, at every column. */
	hidden: Set<Id>;
	/** Per publication unit: the total over the group must be withheld. */
	off: boolean[];
}

/**
 * Primary and complementary suppression over the schools of one municipality (one parent).
 * Deterministic: the school added is the one with the smallest measure, then the smallest id.
 */
export function protectGroup(
	schools: readonly GroupSchool[],
	units: readonly number[],
	unitTotal: number,
	min: number
): GroupResult {
	const hidden = new Set<Id>();
	for (const s of schools) if (s.forced || s.measures.some((m) => few(m, min))) hidden.add(s.id);
	const off: boolean[] = new Array(unitTotal).fill(false);
	units.forEach((unit, j) => {
		if (
			few(
				schools.reduce((sum, s) => sum + s.measures[j]!, 0),
				min
			)
		)
			off[unit] = true;
	});
	for (;;) {
		let added = false;
		for (let j = 0; j < units.length && !added; j += 1) {
			const unit = units[j]!;
			if (off[unit]) continue;
			const remainder = schools.reduce((sum, s) => sum + (hidden.has(s.id) ? s.measures[j]! : 0), 0);
			if (!few(remainder, min)) continue;
			let next: GroupSchool | null = null;
			for (const s of schools) {
				if (hidden.has(s.id) || s.measures[j]! === 0) continue;
				if (!next || s.measures[j]! < next.measures[j]! || (s.measures[j]! === next.measures[j]! && s.id < next.id))
					next = s;
			}
			if (next) {
				hidden.add(next.id);
				added = true;
			} else off[unit] = true;
		}
		if (!added) break;
	}
	return { hidden, off };
}

/** A school of the report's universe, with the aggregates above it (nearest first, up to the scope). */
export interface UniverseSchool {
	id: Id;
	/** Its parent (the municipality): the group whose remainder complementary suppression protects. */
	parentId: Id;
	/** The organisations above it, inside the universe, nearest first (the parent first). */
	ancestors: readonly Id[];
}

/**
 * What a report is about, as the disclosure rules need it: the organisation, the schools whose
 * teachers it counts, and the universe the protection is computed over — every school of the
 * municipalities involved (for a school asked for by an aggregate-only reader, its municipality's
 * schools), so that a school's figures are the same whichever report shows them.
 */
export interface ReportScope {
	id: Id;
	kind: 'school' | 'aggregate';
	/** The schools in the scope (a school scope: itself), in the order the report lists them. */
	schools: readonly Id[];
	/** Every school the protection is computed over, with the aggregates above it up to the scope's top. */
	universe: readonly UniverseSchool[];
}

export interface FamilyResult {
	hidden: Set<Id>;
	/** Per aggregate (municipality, region) in the universe: per publication unit, withheld. */
	off: Map<Id, boolean[]>;
}

/**
 * A family over every school of the universe: each municipality protected on its own, then the
 * totals: an aggregate's total at a unit is shown when its own sum and every group at or under it
 * pass (a region's total is then the sum of shown municipal totals).
 */
export function protectFamily(
	schools: readonly UniverseSchool[],
	measures: ReadonlyMap<Id, readonly number[]>,
	forced: ReadonlySet<Id>,
	family: Family,
	min: number
): FamilyResult {
	const units = measureUnits(family);
	const total = unitCount(family);
	const zero = new Array(units.length).fill(0);
	const groups = new Map<Id, UniverseSchool[]>();
	for (const s of schools) groups.set(s.parentId, [...(groups.get(s.parentId) ?? []), s]);
	const hidden = new Set<Id>();
	const groupOff = new Map<Id, boolean[]>();
	for (const [parent, members] of groups) {
		const result = protectGroup(
			members.map((s) => ({ id: s.id, forced: forced.has(s.id), measures: measures.get(s.id) ?? zero })),
			units,
			total,
			min
		);
		for (const id of result.hidden) hidden.add(id);
		groupOff.set(parent, result.off);
	}
	const aggregates = new Set(schools.flatMap((s) => s.ancestors));
	const off = new Map<Id, boolean[]>();
	for (const aggregate of aggregates) {
		const under = schools.filter((s) => s.ancestors.includes(aggregate));
		const flags: boolean[] = new Array(total).fill(false);
		// Its own sum and the sums of the aggregates under it (a total must rest on N or more).
		const nested = new Set(under.flatMap((s) => s.ancestors.slice(0, s.ancestors.indexOf(aggregate) + 1)));
		for (const inner of nested) {
			const members = under.filter((s) => s.ancestors.includes(inner));
			units.forEach((unit, j) => {
				if (
					few(
						members.reduce((sum, s) => sum + (measures.get(s.id) ?? zero)[j]!, 0),
						min
					)
				)
					flags[unit] = true;
			});
			groupOff.get(inner)?.forEach((o, unit) => {
				if (o) flags[unit] = true;
			});
		}
		off.set(aggregate, flags);
	}
	return { hidden, off };
}

/** Why a figure is withheld from an aggregate-only reader. */
export type Withheld =
	/** Its own group is below N: «недостаточно данных». */
	| 'small'
	/** Showing it would let a smaller group be worked out: «скрыто, чтобы нельзя было вычислить…». */
	| 'secondary';

/** The reason for a withheld figure: its own group below N, else to protect another. */
export function reasonOf(group: number, min: number): Withheld {
	return few(group, min) ? 'small' : 'secondary';
}

/** An organisation as reportScope needs it. */
export interface ScopeOrganization {
	id: Id;
	kind: string;
	parentId: Id | null;
	deletedAt: string | null;
}

/**
 * The ReportScope of an organisation: its live schools (itself for a school) in `order`, and the
 * universe — every live school under it, or for a school its municipality's (its parent's) live
 * schools — each with its ancestors up to the universe's top. Null for an organisation not there.
 */
export function reportScope(
	organizations: readonly ScopeOrganization[],
	id: Id,
	order: (a: ScopeOrganization, b: ScopeOrganization) => number = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
): ReportScope | null {
	const byId = new Map(organizations.filter((o) => !o.deletedAt).map((o) => [o.id, o]));
	const scope = byId.get(id);
	if (!scope) return null;
	const chain = (o: ScopeOrganization): Id[] => {
		const up: Id[] = [];
		for (
			let at = o.parentId ? byId.get(o.parentId) : undefined;
			at && !up.includes(at.id) && up.length < 10;
			at = at.parentId ? byId.get(at.parentId) : undefined
		)
			up.push(at.id);
		return up;
	};
	const top = scope.kind === 'school' ? (scope.parentId && byId.has(scope.parentId) ? scope.parentId : null) : scope.id;
	const schools = [...byId.values()].filter((o) => o.kind === 'school').sort(order);
	const universe =
		top === null
			? [{ id: scope.id, parentId: scope.id, ancestors: [] }]
			: schools
					.map((s) => ({ s, up: chain(s) }))
					.filter(({ up }) => up.includes(top))
					.map(({ s, up }) => ({ id: s.id, parentId: up[0]!, ancestors: up.slice(0, up.indexOf(top) + 1) }));
	return {
		id,
		kind: scope.kind === 'school' ? 'school' : 'aggregate',
		schools: scope.kind === 'school' ? [id] : universe.map((s) => s.id),
		universe
	};
}
