import type { Id, IsoDateTime } from '$lib/domain/common';
import type { PlanAction } from '$lib/domain/development-plan';
import { validateActionForPlan } from '$lib/domain/schemas/development-plan';
import { cleanStrings } from '$lib/domain/text';
import { instant, int, isUuid, nullable, objectSchema, oneOf, text, uuid } from '$lib/domain/validation';
import {
	CURRENT_SCHEMA_VERSION,
	SYNCED_TABLES,
	type AppDatabase,
	type Attachment,
	type MetaEntry,
	type OutboxEntry,
	type SyncedTable
} from './database';
import { LocalWriteError, toLocalWriteError } from './errors';
import { nowIso } from './ids';
import * as meta from './meta';
import * as outbox from './outbox';
import * as rowSchemas from './row-schemas';

/**
 * «Экспорт моих данных»: everything this device holds for the user, unsynced changes included,
 * as one JSON file. It is both a user right (152-ФЗ) and the escape hatch when a phone must be
 * replaced before its outbox reached the server.
 */
export const BACKUP_FORMAT = 'trajectory-backup';
export const BACKUP_FORMAT_VERSION = 1;

/**
 * A file in a backup: without its upload state (sync/uploads.ts), which belongs to this device. A
 * restored file is taken up by the upload queue again; its object path is fixed, so it is stored once.
 */
export interface BackupAttachment extends Omit<
	Attachment,
	'blob' | 'teacherId' | 'storagePath' | 'uploadStatus' | 'attempts' | 'error' | 'deletedAt'
> {
	/** Base64 of the bytes: JSON has no binary type. */
	data: string;
}

export interface Backup {
	format: typeof BACKUP_FORMAT;
	formatVersion: number;
	schemaVersion: number;
	exportedAt: IsoDateTime;
	database: string;
	tables: Record<SyncedTable, Record<string, unknown>[]>;
	outbox: OutboxEntry[];
	meta: MetaEntry[];
	attachments: BackupAttachment[];
}

export type BackupProblem = 'not-json' | 'not-a-backup' | 'newer-version' | 'corrupt';

export class BackupError extends Error {
	readonly problem: BackupProblem;
	constructor(problem: BackupProblem, message: string) {
		super(message);
		this.name = 'BackupError';
		this.problem = problem;
	}
}

/**
 * Why a row of a backup was not taken:
 * - `invalid`: it (or a change queued for it) fails the schema every local write passes, or its
 *   queued change has no row in the file;
 * - `not-yours`: it belongs to another person (see OWNERSHIP), or changes what only they may;
 * - `shared`: data of the school or the region (organisations, frameworks, memberships, pairs,
 *   targets) that reaches a device only from the server (or the demo school), never from a file;
 * - `unknown-person`: the device does not know yet whose it is (signed in, before the first sync).
 */
export const REFUSAL_REASONS = ['invalid', 'not-yours', 'shared', 'unknown-person'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface ImportRefusal {
	/** A synced table, or 'attachments' for a photo. */
	table: SyncedTable | 'attachments';
	id: string;
	reason: RefusalReason;
}

export interface ImportSummary {
	rowsAdded: number;
	rowsUpdated: number;
	rowsKept: number;
	changesQueued: number;
	attachments: number;
	/** Every row and photo not taken, with the reason (a row with its queued changes counts once). */
	refused: ImportRefusal[];
	/** The guest profile taken from the file by a guest device that had none (see `person`). */
	adoptedProfileId: Id | null;
}

export interface ImportOptions {
	/** Signed in, the person is meta 'sync.profileId'; as a guest, the guest profile. */
	mode: 'guest' | 'account';
}

/**
 * The signed-in person's profile as the sync keeps it (sync/scope.ts PROFILE_ID), repeated here
 * because the data layer never imports the sync layer; backup.spec.ts writes it through PROFILE_ID.
 *
 * Nothing else of a file's meta is restored: the rest is this device's sync state, a cache a
 * screen trusts (reports), or a decision made on the other device (the guest move's).
 */
const SYNC_PROFILE = 'sync.profileId';

function toBase64(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(s);
}

function fromBase64(data: string): Uint8Array<ArrayBuffer> {
	const s = atob(data);
	const out = new Uint8Array(s.length);
	for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
	return out;
}

async function blobBytes(blob: Blob): Promise<Uint8Array> {
	if (typeof blob.arrayBuffer === 'function') return new Uint8Array(await blob.arrayBuffer());
	return new Uint8Array(await new Response(blob).arrayBuffer());
}

export async function exportAll(db: AppDatabase): Promise<Backup> {
	return db.transaction(
		'r',
		[...SYNCED_TABLES.map((t) => db.table(t)), db.outbox, db.meta, db.attachments],
		async () => {
			const tables = {} as Backup['tables'];
			for (const t of SYNCED_TABLES) tables[t] = await db.table(t).toArray();
			const attachments: BackupAttachment[] = [];
			for (const a of await db.attachments.toArray()) {
				// Removed files and copies of other people's files (downloaded to show them) are not kept.
				if (a.deletedAt || a.uploadStatus === 'remote') continue;
				const { id, ownerTable, ownerId, name, mime, size, createdAt } = a;
				attachments.push({
					id,
					ownerTable,
					ownerId,
					name,
					mime,
					size,
					createdAt,
					data: toBase64(await blobBytes(a.blob))
				});
			}
			return {
				format: BACKUP_FORMAT,
				formatVersion: BACKUP_FORMAT_VERSION,
				schemaVersion: CURRENT_SCHEMA_VERSION,
				exportedAt: nowIso(),
				database: db.name,
				tables,
				outbox: await db.outbox.orderBy('seq').toArray(),
				meta: await db.meta.toArray(),
				attachments
			};
		}
	);
}

export function serialize(backup: Backup): string {
	return JSON.stringify(backup);
}

function isObject(v: unknown): v is Record<string, unknown> {
	return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Check the file's shape before touching the database: a bad file writes nothing. */
export function parse(text: string): Backup {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new BackupError('not-json', 'The file is not JSON');
	}
	if (!isObject(data) || data.format !== BACKUP_FORMAT)
		throw new BackupError('not-a-backup', 'Not a Траектория backup');
	if (typeof data.formatVersion !== 'number' || data.formatVersion > BACKUP_FORMAT_VERSION) {
		throw new BackupError('newer-version', 'The backup was made by a newer version of the app');
	}
	if (!isObject(data.tables) || !Array.isArray(data.outbox) || !Array.isArray(data.meta)) {
		throw new BackupError('corrupt', 'Missing sections');
	}
	for (const t of SYNCED_TABLES) {
		const rows = data.tables[t] ?? [];
		// Only what names a row is checked here; its content is the import's to judge, row by row.
		if (!Array.isArray(rows) || rows.some((r) => !isObject(r) || typeof r.id !== 'string')) {
			throw new BackupError('corrupt', `Bad rows in ${t}`);
		}
	}
	for (const e of data.outbox) {
		if (
			!isObject(e) ||
			typeof e.mutationId !== 'string' ||
			typeof e.seq !== 'number' ||
			!SYNCED_TABLES.includes(e.table as SyncedTable)
		) {
			throw new BackupError('corrupt', 'Bad outbox entry');
		}
	}
	const attachments = Array.isArray(data.attachments) ? data.attachments : [];
	if (attachments.some((a) => !isObject(a) || typeof a.id !== 'string' || typeof a.data !== 'string')) {
		throw new BackupError('corrupt', 'Bad attachment');
	}
	return { ...(data as unknown as Backup), attachments: attachments as BackupAttachment[] };
}

/**
 * A backup's change as this device queues it: a fresh attempt under this device's numbering. The
 * server's ledger never saw this seq from this device, so an entry that was refused or in flight
 * elsewhere goes back to 'pending' — kept as 'rejected' it would be skipped by `claim` as if the
 * server had counted it, and every later push would leave a hole in seq (seq_gap, forever). If it
 * is still invalid, the server refuses it again and it shows as refused; the earlier reason is kept
 * in `message` meanwhile.
 */
function requeued(entry: OutboxEntry, seq: number): OutboxEntry {
	// Built field by field: nothing but an outbox entry's own keys reaches the queue from a file.
	const { mutationId, table, rowId, op, createdAt } = entry;
	const fields = cleanStrings(entry.fields);
	const base = Object.fromEntries(Object.entries(entry.base).filter(([k]) => Object.hasOwn(fields, k)));
	const out: OutboxEntry = {
		seq,
		mutationId,
		table,
		rowId,
		op,
		fields,
		base,
		createdAt,
		status: 'pending',
		reason: null
	};
	if (entry.message !== undefined) out.message = entry.message;
	if (entry.status === 'rejected' && entry.reason)
		out.message = [entry.reason, entry.message].filter(Boolean).join(': ');
	return out;
}

type Row = Record<string, unknown> & { id: Id; version: number; updatedAt: IsoDateTime };
type Claim = 'own' | 'party' | 'other';

interface Ownership {
	/** How a row relates to the person `me`. */
	claim(row: Row, me: Id): Claim;
	/** Columns naming whose the row is: no change moves a row to other people (the server's rule too). */
	owners: readonly string[];
	/** What a party who is not the author may change: their own answer on someone else's record. */
	party?: readonly string[];
	/** A rule on the party's answer beyond its fields (who marks a recommendation done). */
	partyAnswers?(row: Row, me: Id): boolean;
}

function byColumn(own: string, party?: string): Ownership['claim'] {
	return (row, me) => (row[own] === me ? 'own' : party && row[party] === me ? 'party' : 'other');
}

const TEACHER_OWNED: Ownership = { claim: byColumn('teacherId'), owners: ['teacherId'] };

/**
 * Whose a row is, for a backup. A file carries everything its device held — for a mentor or a
 * methodist that includes other people's records — but this device takes from it only what the
 * person (P: the signed-in profile, or the guest profile) could have written themselves; the rest
 * reaches a device only from the server, which shows each person what they may see.
 *
 * - profiles: P's own profile (id = P), never another person's.
 * - assessments: P's own (teacherId = P), or an expert assessment P made (assessorId = P).
 * - deficits, development_plans, activities: teacherId = P.
 * - plan_actions: teacherId = P, in a plan of P's that this device holds (or the file brings). An
 *   action a mentor added to P's plan is P's; one P added to a mentee's plan is the mentee's.
 * - mentoring_sessions: those P held as mentor (mentorId = P). A session where P is the mentee is
 *   the mentor's record: only P's acknowledgement (acknowledgedAt) is taken, onto the copy this
 *   device already holds.
 * - observations: those P made (observerId = P). One of P's lessons is the observer's record: only
 *   P's answer (acknowledgedAt, reflection) is taken, onto this device's copy.
 * - comments: those P wrote (authorId = P).
 * - recommendations: those P wrote (authorId = P). One addressed to P is the author's: only P
 *   marking it done (doneAt, and doneBy = P) is taken, onto this device's copy.
 * - organizations, frameworks, memberships, mentoring_pairs, indicator_targets: shared data, never
 *   taken from a file (a membership would grant a role; a pair, access to a teacher).
 *
 * A row the device already holds in exactly the file's form is not refused, whoever's it is:
 * nothing changes, and re-importing one's own export reports nothing.
 */
const OWNERSHIP: Record<SyncedTable, Ownership | 'shared'> = {
	organizations: 'shared',
	memberships: 'shared',
	profiles: { claim: byColumn('id'), owners: ['id', 'userId', 'schoolId'] },
	frameworks: 'shared',
	assessments: {
		claim: (r, me) => (r.teacherId === me || r.assessorId === me ? 'own' : 'other'),
		owners: ['teacherId', 'assessorId']
	},
	deficits: TEACHER_OWNED,
	development_plans: TEACHER_OWNED,
	plan_actions: { claim: byColumn('teacherId'), owners: ['teacherId', 'planId'] },
	activities: TEACHER_OWNED,
	mentoring_pairs: 'shared',
	mentoring_sessions: {
		claim: byColumn('mentorId', 'menteeId'),
		owners: ['pairId', 'mentorId', 'menteeId'],
		party: ['acknowledgedAt']
	},
	observations: {
		claim: byColumn('observerId', 'teacherId'),
		owners: ['observerId', 'teacherId'],
		party: ['acknowledgedAt', 'reflection']
	},
	comments: { claim: byColumn('authorId'), owners: ['authorId', 'targetTable', 'targetId'] },
	indicator_targets: 'shared',
	recommendations: {
		claim: byColumn('authorId', 'teacherId'),
		owners: ['authorId', 'organizationId', 'teacherId'],
		party: ['doneAt', 'doneBy'],
		partyAnswers: (r, me) => r.doneBy === null || r.doneBy === me
	}
};

/** JSON with keys in a fixed order: two copies of a row compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (isObject(value)) {
		// As JSON has it: a key holding undefined is no key at all.
		return `{${Object.keys(value)
			.filter((k) => value[k] !== undefined)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * A file's row as a local write would store it: only the table's fields (a key the app does not
 * know could reach a screen or the server), a field added since the file was made filled in as
 * the schema upgrade fills it, stray control characters dropped as every repository does; null
 * when it fails the table's schema.
 */
function prepared(table: SyncedTable, raw: Record<string, unknown>): Row | null {
	const row: Record<string, unknown> = {};
	for (const k of [...rowSchemas.META_FIELDS, ...rowSchemas.fieldsOf(table)])
		if (Object.hasOwn(raw, k)) row[k] = raw[k];
	// A file from before a field was added carries none: it gets what the schema upgrade gives.
	const clean = cleanStrings(rowSchemas.withAddedFields(table, row));
	return rowSchemas.validate(table, clean).length ? null : (clean as Row);
}

const entryText = nullable(text({ max: 2000 }));

/**
 * A queued change as `rows` would have queued it: a known op, fields of the table with valid
 * values (never a column the server writes, such as version), a deletion that sets only deletedAt.
 */
function validEntry(table: SyncedTable, e: OutboxEntry): boolean {
	if (!isUuid(e.mutationId) || !isObject(e.fields) || !isObject(e.base) || typeof e.createdAt !== 'string')
		return false;
	if (entryText(e.reason, 'reason').length || (e.message !== undefined && entryText(e.message, 'message').length))
		return false;
	const keys = Object.keys(e.fields);
	if (e.op === 'delete')
		return (
			keys.length === 1 &&
			keys[0] === 'deletedAt' &&
			!rowSchemas.fieldValidator(table, 'deletedAt')!(e.fields.deletedAt, 'deletedAt').length
		);
	if (e.op !== 'upsert') return false;
	const fields = rowSchemas.fieldsOf(table);
	return keys.every(
		(k) => fields.includes(k) && !rowSchemas.fieldValidator(table, k)!(cleanStrings(e.fields[k]), k).length
	);
}

/** The device's copy with the file's queued changes on top, as a pull rebases unsent changes. */
function onTop(local: Row, entries: OutboxEntry[], fromFile: Row): Row {
	const row: Row = structuredClone(local);
	for (const e of entries) Object.assign(row, cleanStrings(structuredClone(e.fields)));
	// The server's version stays; the change is as recent as the file says.
	if (fromFile.updatedAt > row.updatedAt) row.updatedAt = fromFile.updatedAt;
	return row;
}

function sameOwners(rule: Ownership, a: Row, b: Row): boolean {
	return rule.owners.every((k) => a[k] === b[k]);
}

/**
 * The person whose rows a file may bring. Signed in: the profile the sync knows (never one named
 * by the file). As a guest: the guest profile; a guest device that has none yet (a new phone) takes
 * the file's guest profile, as a restore onto an empty device must.
 */
async function person(
	db: AppDatabase,
	backup: Backup,
	mode: ImportOptions['mode']
): Promise<{ id: Id | null; adopted: boolean }> {
	if (mode === 'account') return { id: await meta.get<Id>(db, SYNC_PROFILE), adopted: false };
	const own = await meta.get<Id>(db, meta.GUEST_PROFILE);
	if (own) return { id: own, adopted: false };
	const theirs = backup.meta.find((m) => m.key === meta.GUEST_PROFILE)?.value;
	return isUuid(theirs) ? { id: theirs as Id, adopted: true } : { id: null, adopted: false };
}

/**
 * Merge a backup into this database in one transaction (all or nothing), as a sync pull would:
 * every row through its table's schema, only the person's rows (OWNERSHIP), versions never above
 * what the server issued. Each row not taken is listed in the summary with its reason.
 *
 * - A row new to this device is stored at version 0, so the server's copy (version ≥ 1) wins the
 *   next pull; a device that has pulled already holds every row of the person the server has.
 * - A row the device holds as the server sent it (version > 0, nothing queued) stays: the server
 *   is authoritative. The file's unsent changes of it are put on top, as a pull rebases them, and
 *   queued again; the file's copy itself is never taken.
 * - A row with local changes or never synced is replaced when the file's copy is newer, keeping
 *   the device's version.
 *
 * The file's unsent changes are queued again only for rows taken, renumbered after this device's
 * own queue and waiting to be sent (see `requeued`), so a restored device never pushes an old
 * change over a newer one. A row and its queued changes are taken or refused together. Importing
 * the same file twice changes nothing the second time.
 */
export async function importBackup(db: AppDatabase, backup: Backup, options: ImportOptions): Promise<ImportSummary> {
	const summary: ImportSummary = {
		rowsAdded: 0,
		rowsUpdated: 0,
		rowsKept: 0,
		changesQueued: 0,
		attachments: 0,
		refused: [],
		adoptedProfileId: null
	};
	const queuedFor = new Map<string, OutboxEntry[]>();
	for (const entry of [...backup.outbox].sort((a, b) => a.seq - b.seq)) {
		const key = `${entry.table}/${entry.rowId}`;
		queuedFor.set(key, [...(queuedFor.get(key) ?? []), entry]);
	}
	const refused = new Set<string>();
	const refuse = (table: ImportRefusal['table'], id: string, reason: RefusalReason) => {
		if (refused.has(`${table}/${id}`)) return;
		refused.add(`${table}/${id}`);
		summary.refused.push({ table, id, reason });
	};
	try {
		await db.transaction(
			'rw',
			[...SYNCED_TABLES.map((t) => db.table(t)), db.outbox, db.meta, db.attachments],
			async () => {
				const me = await person(db, backup, options.mode);
				const taken: OutboxEntry[] = [];
				const takenIds = new Set<string>();
				// A mutation id is queued once: a second copy in the file (or on the device) is the same change.
				const isQueued = async (e: OutboxEntry) =>
					takenIds.has(e.mutationId) || (await db.outbox.where('mutationId').equals(e.mutationId).count()) > 0;

				for (const t of SYNCED_TABLES) {
					const table = db.table(t);
					for (const raw of backup.tables[t] ?? []) {
						const id = raw.id as string;
						const key = `${t}/${id}`;
						const entries = queuedFor.get(key) ?? [];
						queuedFor.delete(key);
						const local = (await table.get(id)) as Row | undefined;
						if (local && canonical(local) === canonical(raw) && !entries.length) {
							summary.rowsKept++;
							continue;
						}
						const row = prepared(t, raw);
						if (!row || !entries.every((e) => validEntry(t, e))) {
							refuse(t, id, 'invalid');
							continue;
						}
						const rule = OWNERSHIP[t];
						if (rule === 'shared') {
							refuse(t, id, 'shared');
							continue;
						}
						if (!me.id) {
							refuse(t, id, 'unknown-person');
							continue;
						}
						const claim = rule.claim(local ?? row, me.id);
						if (claim === 'other' || (local && !sameOwners(rule, local, row))) {
							refuse(t, id, 'not-yours');
							continue;
						}
						const fresh: OutboxEntry[] = [];
						for (const e of entries) if (!(await isQueued(e))) fresh.push(e);

						let next: Row;
						if (claim === 'party') {
							// Someone else's record: only the person's answer, onto the copy the server sent.
							if (
								!local ||
								fresh.some((e) => e.op !== 'upsert' || Object.keys(e.fields).some((k) => !rule.party!.includes(k)))
							) {
								refuse(t, id, 'not-yours');
								continue;
							}
							if (!fresh.length) {
								summary.rowsKept++;
								continue;
							}
							next = onTop(local, fresh, row);
						} else if (!local) {
							next = { ...row, version: 0 };
						} else if (local.version > 0 && !(await outbox.forRow(db, t, id)).length) {
							if (!fresh.length) {
								summary.rowsKept++;
								continue;
							}
							next = onTop(local, fresh, row);
						} else if (row.updatedAt > local.updatedAt) {
							next = { ...row, version: local.version };
						} else {
							summary.rowsKept++;
							continue;
						}

						// What is stored passes what any stored row passes, and stays the person's.
						if (rowSchemas.validate(t, next).length || (t === 'plan_actions' && !(await inOwnPlan(db, next)))) {
							refuse(t, id, 'invalid');
							continue;
						}
						if (
							rule.claim(next, me.id) !== claim ||
							!sameOwners(rule, local ?? row, next) ||
							(claim === 'party' && rule.partyAnswers && !rule.partyAnswers(next, me.id))
						) {
							refuse(t, id, 'not-yours');
							continue;
						}
						await table.put(next);
						if (local) summary.rowsUpdated++;
						else summary.rowsAdded++;
						taken.push(...fresh);
						for (const e of fresh) takenIds.add(e.mutationId);
					}
				}
				// The guest becomes the file's person only when something of theirs was taken.
				if (me.adopted && summary.rowsAdded + summary.rowsUpdated > 0) {
					await meta.set(db, meta.GUEST_PROFILE, me.id);
					summary.adoptedProfileId = me.id;
				}
				// Changes whose row is not in the file: an export always carries the row with them.
				for (const [, entries] of queuedFor) refuse(entries[0]!.table, String(entries[0]!.rowId), 'invalid');

				const counter = await db.meta.get('outbox.nextSeq');
				let seq = typeof counter?.value === 'number' ? counter.value : 1;
				for (const entry of taken.sort((a, b) => a.seq - b.seq)) {
					await db.outbox.add(requeued(entry, seq++));
					summary.changesQueued++;
				}
				if (taken.length) await db.meta.put({ key: 'outbox.nextSeq', value: seq });

				for (const { data, id, ownerTable, ownerId, name, mime, size, createdAt } of backup.attachments) {
					const rest = { id, ownerTable, ownerId, name, mime, size, createdAt };
					if (await db.attachments.get(rest.id)) continue;
					const verdict = await attachmentVerdict(db, rest, me.id);
					if (verdict) {
						refuse('attachments', rest.id, verdict);
						continue;
					}
					let bytes: Uint8Array<ArrayBuffer>;
					try {
						bytes = fromBase64(data);
					} catch {
						refuse('attachments', rest.id, 'invalid');
						continue;
					}
					await db.attachments.put({ ...rest, blob: new Blob([bytes], { type: rest.mime }) });
					summary.attachments++;
				}
			}
		);
	} catch (error) {
		if (error instanceof LocalWriteError) throw error;
		throw toLocalWriteError(error);
	}
	return summary;
}

/** An action belongs to a plan of its own teacher that this device holds: the ИОМ lists actions by plan. */
async function inOwnPlan(db: AppDatabase, action: Row): Promise<boolean> {
	const plan = await db.development_plans.get(action.planId as Id);
	if (!plan) return false;
	return !validateActionForPlan(action as unknown as PlanAction, plan).some((i) => i.path !== 'deadline');
}

const attachmentSchema = /* @__PURE__ */ objectSchema<Omit<BackupAttachment, 'data'>>({
	id: uuid(),
	ownerTable: oneOf(SYNCED_TABLES),
	ownerId: uuid(),
	name: text({ max: 300 }),
	mime: text({ max: 100 }),
	size: int({ min: 0 }),
	createdAt: instant()
});

/**
 * A photo is taken only for a row of the person's on this device (after the rows were merged):
 * it is shown with that row, and a photo of someone else's record would be shown as theirs.
 */
async function attachmentVerdict(
	db: AppDatabase,
	attachment: Omit<BackupAttachment, 'data'>,
	me: Id | null
): Promise<RefusalReason | null> {
	if (attachmentSchema.validate(attachment).length) return 'invalid';
	if (!me) return 'unknown-person';
	const rule = OWNERSHIP[attachment.ownerTable];
	const owner = (await db.table(attachment.ownerTable).get(attachment.ownerId)) as Row | undefined;
	if (rule === 'shared' || !owner || rule.claim(owner, me) !== 'own') return 'not-yours';
	return null;
}
