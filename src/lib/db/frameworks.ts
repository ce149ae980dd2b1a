import type { Draft, Id } from '$lib/domain/common';
import { academicYearOf } from '$lib/domain/academic-year';
import { versionFor, type Framework } from '$lib/domain/framework';
import { copyAsDraft, draftOf, nextRevision, publishRefusals, type PublishRefusal } from '$lib/domain/framework-draft';
import { frameworkSchema } from '$lib/domain/schemas/framework';
import { today } from '$lib/session/clock';
import { DEFAULT_FRAMEWORK_CODE, DEFAULT_FRAMEWORK_ID } from '$lib/domain/frameworks/default-id';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as rows from './rows';

/** The framework that ships with the app, loaded on demand: its text is not needed to paint a screen. */
async function builtIn(): Promise<Framework> {
	return (await import('$lib/domain/frameworks/default')).DEFAULT_FRAMEWORK;
}

/**
 * The framework an assessment was taken against, or the default one. Reference data arrives from
 * the server (or ships with the app), so it is written without an outbox entry.
 */
export async function get(db: AppDatabase, id: Id = DEFAULT_FRAMEWORK_ID): Promise<Framework> {
	const row = await db.frameworks.get(id);
	if (row) return row;
	// A framework not on this device yet (its rows arrive with the next pull) falls back to the
	// built-in one so screens still render; scoring ignores indicator ids it does not know.
	return builtIn();
}

/**
 * The version of the default framework a new assessment of academic year `year` (by default the
 * current one on the device's calendar) is taken against: the highest published revision that
 * applies from that year or earlier (framework.ts versionFor). A draft never is.
 */
export async function current(db: AppDatabase, year: number = academicYearOf(today())): Promise<Framework> {
	const all = await db.frameworks.where('code').equals(DEFAULT_FRAMEWORK_CODE).toArray();
	return versionFor(all, DEFAULT_FRAMEWORK_CODE, year) ?? builtIn();
}

/** Every version of every framework on this device, drafts included (the administrator's list). */
export async function listAll(db: AppDatabase): Promise<Framework[]> {
	const all = (await db.frameworks.toArray()).filter((f) => !f.deletedAt);
	return all.sort((a, b) => a.code.localeCompare(b.code) || b.revision - a.revision);
}

/**
 * The versions of `code` among `all`, newest first; for the default code with the built-in version
 * (`fallback`) when the device has none of its own yet (a guest without demo data): a draft is
 * then a copy of that one.
 */
function versionsAmong(all: Framework[], code: string, fallback: Framework): Framework[] {
	const versions = all.filter((f) => f.code === code && !f.deletedAt);
	if (code === DEFAULT_FRAMEWORK_CODE && !versions.some((f) => f.id === DEFAULT_FRAMEWORK_ID)) versions.push(fallback);
	return versions.sort((a, b) => b.revision - a.revision);
}

// Live queries and write transactions await the database only, and load the built-in version
// before or after it: IndexedDB commits a transaction left waiting on anything else (an import).

/** Every version of framework `code`, newest first (see versionsAmong). */
export async function versionsOf(db: AppDatabase, code: string): Promise<Framework[]> {
	const all = await db.frameworks.where('code').equals(code).toArray();
	return versionsAmong(all, code, await builtIn());
}

/** Every framework code on the device (and the default one), each with its versions, newest first. */
export async function listByCode(db: AppDatabase): Promise<{ code: string; versions: Framework[] }[]> {
	const all = await db.frameworks.toArray();
	const fallback = await builtIn();
	const codes = new Set([DEFAULT_FRAMEWORK_CODE, ...all.filter((f) => !f.deletedAt).map((f) => f.code)]);
	return [...codes]
		.sort((a, b) => a.localeCompare(b))
		.map((code) => ({ code, versions: versionsAmong(all, code, fallback) }));
}

/** A version by id with every version of its code (the built-in one included), or null if unknown. */
export async function withSiblings(
	db: AppDatabase,
	id: Id
): Promise<{ version: Framework; versions: Framework[] } | null> {
	const row = await db.frameworks.get(id);
	const all = row ? await db.frameworks.where('code').equals(row.code).toArray() : [];
	const fallback = await builtIn();
	const code = row?.code ?? (id === DEFAULT_FRAMEWORK_ID ? DEFAULT_FRAMEWORK_CODE : null);
	if (code === null || row?.deletedAt) return null;
	const versions = versionsAmong(all, code, fallback);
	const version = versions.find((v) => v.id === id);
	return version ? { version, versions } : null;
}

/** The fields of a draft the administrator edits; the rest is the repository's to set. */
export type DraftPatch = Partial<Pick<Framework, 'title' | 'scale' | 'competencies' | 'academicYear'>>;

function refusePublished(row: Framework): void {
	// A published version is what assessments were taken against: it never changes again (the
	// server refuses too, migration 20261207000800).
	if (row.status !== 'draft') throw new LocalWriteError('forbidden', `frameworks/${row.id} is published`);
}

/**
 * Make a draft of `source`'s code, copied from `source` (a published version): a new row under
 * the code's next revision, applying from `academicYear`. One draft per code at a time: if the
 * code has one already, nothing is written and that one is returned (`existing`).
 */
export async function createDraft(
	db: AppDatabase,
	source: Framework,
	academicYear: number,
	actor: rows.Actor
): Promise<{ draft: Framework; existing: boolean }> {
	if (source.status !== 'published') throw new LocalWriteError('invalid', `frameworks/${source.id} is not published`);
	const fallback = await builtIn();
	return rows.transact(db, ['frameworks'], async () => {
		const versions = versionsAmong(
			await db.frameworks.where('code').equals(source.code).toArray(),
			source.code,
			fallback
		);
		const existing = draftOf(versions, source.code);
		if (existing) return { draft: existing, existing: true };
		const draft = copyAsDraft(source, nextRevision(versions, source.code), academicYear);
		return { draft: await rows.insert(db, 'frameworks', draft, actor, validateDraft), existing: false };
	});
}

const validateDraft = (row: Draft<Framework>) => frameworkSchema.validate(row);

/** Change a draft's content or year. A published version refuses any change. */
export async function updateDraft(db: AppDatabase, id: Id, patch: DraftPatch, actor: rows.Actor): Promise<Framework> {
	return rows.transact(db, ['frameworks'], async () => {
		const row = await db.frameworks.get(id);
		if (!row || row.deletedAt) throw new LocalWriteError('not-found', `frameworks/${id}`);
		refusePublished(row);
		// Only the edited fields: status, code and revision are never the editor's to change.
		const edit: DraftPatch = {};
		for (const field of ['title', 'scale', 'competencies', 'academicYear'] as const)
			if (patch[field] !== undefined) Object.assign(edit, { [field]: patch[field] });
		return rows.update(db, 'frameworks', id, edit, actor, validateDraft);
	});
}

/** Why publishing failed: the refusals of framework-draft.ts publishRefusals. */
export class PublishRefused extends LocalWriteError {
	readonly refusals: PublishRefusal[];
	constructor(refusals: PublishRefusal[]) {
		super(refusals.includes('not-draft') ? 'forbidden' : 'invalid', `publish refused: ${refusals.join(', ')}`);
		this.name = 'PublishRefused';
		this.refusals = refusals;
	}
}

/**
 * Publish a draft as the version for its academic year and later: from now on it never changes.
 * Refused (PublishRefused, nothing written) when framework-draft.ts publishRefusals finds a reason.
 */
export async function publish(
	db: AppDatabase,
	id: Id,
	actor: rows.Actor,
	year: number = academicYearOf(today())
): Promise<Framework> {
	const fallback = await builtIn();
	return rows.transact(db, ['frameworks'], async () => {
		const row = await db.frameworks.get(id);
		if (!row || row.deletedAt) throw new LocalWriteError('not-found', `frameworks/${id}`);
		const versions = versionsAmong(await db.frameworks.where('code').equals(row.code).toArray(), row.code, fallback);
		const refusals = publishRefusals(row, versions, year);
		if (refusals.length) throw new PublishRefused(refusals);
		// publishedAt is the server's to set when the row arrives.
		return rows.update(db, 'frameworks', id, { status: 'published' }, actor, validateDraft);
	});
}

/**
 * Throw a draft away (a tombstone, so every device drops it): its revision is free again for the
 * next draft (the server's unique index skips tombstones). A published version refuses.
 */
export async function discardDraft(db: AppDatabase, id: Id, actor: rows.Actor): Promise<void> {
	await rows.transact(db, ['frameworks'], async () => {
		const row = await db.frameworks.get(id);
		if (!row || row.deletedAt) throw new LocalWriteError('not-found', `frameworks/${id}`);
		refusePublished(row);
		await rows.remove(db, 'frameworks', id, actor);
	});
}
