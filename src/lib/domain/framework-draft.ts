import type { Draft } from './common';
import type { Competency, CompetencyGroup, Framework, Indicator, ScaleLevel } from './framework';
import { frameworkSchema } from './schemas/framework';
import type { Issue } from './validation';

/**
 * The administrator's editing rules for a new framework version: a draft is a copy of a published
 * version, edited freely, and published once as the version for an academic year. Pure: ids and
 * years come in as arguments.
 *
 * Ids carry meaning across versions: scores are keyed by indicator id, and growth compares an
 * indicator with itself in an earlier assessment. So an indicator whose wording is edited keeps its
 * id, and a new one gets an id that no version of the framework has ever used — never the id of a
 * removed indicator, which would make growth compare two different things.
 */

/** What a version says (what the administrator edits), without its bookkeeping. */
export type FrameworkContent = Pick<Framework, 'title' | 'scale' | 'competencies'>;

/** The versions of one code, as listed: enough to place a version among its siblings. */
type Version = Pick<Framework, 'code' | 'revision' | 'status' | 'deletedAt'>;

export const MIN_INDICATORS = 3;
export const MAX_INDICATORS = 6;

function live<F extends Version>(versions: readonly F[], code: string): F[] {
	return versions.filter((f) => f.code === code && !f.deletedAt);
}

/** The code's draft being edited, if any: there is at most one per code at a time. */
export function draftOf<F extends Version>(versions: readonly F[], code: string): F | null {
	return live(versions, code).find((f) => f.status === 'draft') ?? null;
}

/** The code's newest published version (highest revision), whatever year it applies from. */
export function latestPublished<F extends Version>(versions: readonly F[], code: string): F | null {
	let best: F | null = null;
	for (const f of live(versions, code)) if (f.status === 'published' && (!best || f.revision > best.revision)) best = f;
	return best;
}

/**
 * The published version a draft would follow: the highest published revision below its own. The
 * diff before publishing, and the «nothing changed» refusal, compare against it.
 */
export function previousPublished<F extends Version>(
	versions: readonly F[],
	draft: Pick<Framework, 'code' | 'revision'>
): F | null {
	return latestPublished(
		live(versions, draft.code).filter((f) => f.revision < draft.revision),
		draft.code
	);
}

/** The revision a new draft of `code` takes: one above every version of the code. */
export function nextRevision(versions: readonly Version[], code: string): number {
	return live(versions, code).reduce((max, f) => Math.max(max, f.revision), 0) + 1;
}

/**
 * The content of a version, deep-copied so a draft never shares objects with its source. Through
 * JSON: the content is JSON (a jsonb column), and a screen's reactive copy is not structured-cloneable.
 */
export function contentOf(framework: FrameworkContent): FrameworkContent {
	return JSON.parse(
		JSON.stringify({ title: framework.title, scale: framework.scale, competencies: framework.competencies })
	) as FrameworkContent;
}

/**
 * A new draft of `source`'s code: the same competencies, indicators (and their ids) and scale,
 * under the next revision, applying from `academicYear`.
 */
export function copyAsDraft(source: Framework, revision: number, academicYear: number): Draft<Framework> {
	return {
		code: source.code,
		...contentOf(source),
		revision,
		status: 'draft',
		academicYear,
		publishedAt: null
	};
}

/** Every competency and indicator id any of the given versions has used. */
export function usedIds(versions: readonly FrameworkContent[]): Set<string> {
	const ids = new Set<string>();
	for (const v of versions)
		for (const c of v.competencies) {
			ids.add(c.id);
			for (const i of c.indicators) ids.add(i.id);
		}
	return ids;
}

/** A fresh indicator id of competency `competencyId`: '<competency>.n<k>', the smallest k not used. */
export function newIndicatorId(competencyId: string, used: ReadonlySet<string>): string {
	for (let k = 1; ; k++) {
		const id = `${competencyId}.n${k}`;
		if (!used.has(id)) return id;
	}
}

/**
 * A fresh competency id 'c-<slug>' from `random` (any text: its lowercase letters and digits are
 * kept, e.g. a UUID). A longer slug is taken while a shorter one is already used.
 */
export function newCompetencyId(random: string, used: ReadonlySet<string>): string {
	const slug = random.toLowerCase().replace(/[^a-z0-9]/g, '');
	for (let n = 6; n <= slug.length; n++) {
		const id = `c-${slug.slice(0, n)}`;
		if (!used.has(id)) return id;
	}
	for (let k = 2; ; k++) {
		const id = `c-${slug || 'x'}-${k}`;
		if (!used.has(id)) return id;
	}
}

/** A new competency as the editor adds it: an empty title, MIN_INDICATORS empty indicators. */
export function newCompetency(id: string, group: CompetencyGroup, used: ReadonlySet<string>): Competency {
	const taken = new Set(used);
	const indicators: Indicator[] = [];
	for (let k = 0; k < MIN_INDICATORS; k++) {
		const indicatorId = newIndicatorId(id, taken);
		taken.add(indicatorId);
		indicators.push({ id: indicatorId, text: '' });
	}
	return { id, group, title: '', description: '', indicators };
}

/** `list` with the item at `index` moved by `delta` places (clamped to the list). */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
	const out = [...list];
	const to = Math.max(0, Math.min(out.length - 1, index + delta));
	if (index < 0 || index >= out.length || to === index) return out;
	const [item] = out.splice(index, 1);
	out.splice(to, 0, item!);
	return out;
}

export interface IndicatorRef {
	competency: Pick<Competency, 'id' | 'title'>;
	indicator: Indicator;
}

export interface FrameworkDiff {
	titleChanged: boolean;
	competencies: {
		added: Competency[];
		removed: Competency[];
		/** Same id, other title, description or group. */
		changed: { before: Competency; after: Competency; fields: ('title' | 'description' | 'group')[] }[];
		/** The competencies both versions have stand in another order. */
		reordered: boolean;
	};
	indicators: {
		added: IndicatorRef[];
		removed: IndicatorRef[];
		/** Same id, other wording: growth still compares it with itself (docs/admin.md). */
		reworded: (IndicatorRef & { before: Indicator })[];
		/** Some competency's shared indicators stand in another order. */
		reordered: boolean;
	};
	/** Levels of the 0–3 scale whose label or hint changed. */
	scale: { before: ScaleLevel; after: ScaleLevel }[];
}

function sameOrder(before: readonly string[], after: readonly string[]): boolean {
	const shared = new Set(after);
	const a = before.filter((id) => shared.has(id));
	const kept = new Set(before);
	const b = after.filter((id) => kept.has(id));
	return a.every((id, i) => id === b[i]);
}

/** What `after` changes against `before`, by competency and indicator id. */
export function diffFrameworks(before: FrameworkContent, after: FrameworkContent): FrameworkDiff {
	const beforeById = new Map(before.competencies.map((c) => [c.id, c]));
	const afterById = new Map(after.competencies.map((c) => [c.id, c]));
	const beforeIndicators = new Map(
		before.competencies.flatMap((c) => c.indicators.map((i) => [i.id, { competency: c, indicator: i }] as const))
	);
	const afterIndicators = new Map(
		after.competencies.flatMap((c) => c.indicators.map((i) => [i.id, { competency: c, indicator: i }] as const))
	);
	const ref = (r: { competency: Competency; indicator: Indicator }): IndicatorRef => ({
		competency: { id: r.competency.id, title: r.competency.title },
		indicator: r.indicator
	});
	const changed: FrameworkDiff['competencies']['changed'] = [];
	for (const c of after.competencies) {
		const was = beforeById.get(c.id);
		if (!was) continue;
		const fields = (['title', 'description', 'group'] as const).filter((f) => was[f] !== c[f]);
		if (fields.length) changed.push({ before: was, after: c, fields });
	}
	const reworded: FrameworkDiff['indicators']['reworded'] = [];
	for (const [id, now] of afterIndicators) {
		const was = beforeIndicators.get(id);
		if (was && was.indicator.text !== now.indicator.text) reworded.push({ ...ref(now), before: was.indicator });
	}
	return {
		titleChanged: before.title !== after.title,
		competencies: {
			added: after.competencies.filter((c) => !beforeById.has(c.id)),
			removed: before.competencies.filter((c) => !afterById.has(c.id)),
			changed,
			reordered: !sameOrder(
				before.competencies.map((c) => c.id),
				after.competencies.map((c) => c.id)
			)
		},
		indicators: {
			added: [...afterIndicators].filter(([id]) => !beforeIndicators.has(id)).map(([, r]) => ref(r)),
			removed: [...beforeIndicators].filter(([id]) => !afterIndicators.has(id)).map(([, r]) => ref(r)),
			reworded,
			reordered: after.competencies.some((c) => {
				const was = beforeById.get(c.id);
				return (
					!!was &&
					!sameOrder(
						was.indicators.map((i) => i.id),
						c.indicators.map((i) => i.id)
					)
				);
			})
		},
		scale: after.scale.flatMap((level) => {
			const was = before.scale.find((l) => l.score === level.score);
			return was && (was.label !== level.label || was.hint !== level.hint) ? [{ before: was, after: level }] : [];
		})
	};
}

/** The draft says exactly what the version before it says (its year aside). */
export function isUnchanged(before: FrameworkContent, after: FrameworkContent): boolean {
	const print = (f: FrameworkContent) => JSON.stringify([f.title, f.scale, f.competencies]);
	return print(before) === print(after);
}

/** The draft's issues as a framework row: what the editor shows beside the fields. */
export function draftIssues(draft: Draft<Framework>): Issue[] {
	return frameworkSchema.validate(draft);
}

/**
 * Why a draft cannot be published (none: it can):
 * - `not-draft`: it is published already (a published version never changes);
 * - `invalid`: the framework schema finds issues (shown beside the fields);
 * - `no-year`: it does not say from which academic year it applies;
 * - `year-past`: that year has begun before the current one;
 * - `year-before-previous`: the version it follows applies from a later year, so that one would never apply;
 * - `stale`: another version of the code was published meanwhile (its revision is no longer next);
 * - `unchanged`: it says exactly what the version it follows says.
 */
export type PublishRefusal =
	'not-draft' | 'invalid' | 'no-year' | 'year-past' | 'year-before-previous' | 'stale' | 'unchanged';

export function publishRefusals(
	draft: Draft<Framework>,
	versions: readonly Framework[],
	currentYear: number
): PublishRefusal[] {
	if (draft.status !== 'draft') return ['not-draft'];
	const out: PublishRefusal[] = [];
	if (draftIssues(draft).length) out.push('invalid');
	const previous = previousPublished(versions, draft);
	const latest = latestPublished(versions, draft.code);
	if (draft.academicYear === null) out.push('no-year');
	else {
		if (draft.academicYear < currentYear) out.push('year-past');
		if (previous?.academicYear != null && draft.academicYear < previous.academicYear) out.push('year-before-previous');
	}
	// The server takes a draft only as the next revision after the highest published one.
	if (draft.revision !== (latest?.revision ?? 0) + 1) out.push('stale');
	if (previous && isUnchanged(previous, draft)) out.push('unchanged');
	return out;
}
