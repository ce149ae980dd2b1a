import type { IsoDateTime } from '$lib/domain/common';
import { CURRENT_SCHEMA_VERSION, SYNCED_TABLES, type AppDatabase, type Attachment, type MetaEntry, type OutboxEntry, type SyncedTable } from './database';
import { LocalWriteError, toLocalWriteError } from './errors';
import { nowIso } from './ids';

/**
 * «Экспорт моих данных»: everything this device holds for the user, unsynced changes included,
 * as one JSON file. It is both a user right (152-ФЗ) and the escape hatch when a phone must be
 * replaced before its outbox reached the server.
 */
export const BACKUP_FORMAT = 'trajectory-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupAttachment extends Omit<Attachment, 'blob'> {
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

export interface ImportSummary {
	rowsAdded: number;
	rowsUpdated: number;
	rowsKept: number;
	changesQueued: number;
	attachments: number;
}

/** Meta keys that describe this device's sync state; restoring them from another device would corrupt it. */
const DEVICE_META = /^(outbox\.|sync\.)/;

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
	return db.transaction('r', [...SYNCED_TABLES.map((t) => db.table(t)), db.outbox, db.meta, db.attachments], async () => {
		const tables = {} as Backup['tables'];
		for (const t of SYNCED_TABLES) tables[t] = await db.table(t).toArray();
		const attachments: BackupAttachment[] = [];
		for (const { blob, ...rest } of await db.attachments.toArray()) {
			attachments.push({ ...rest, data: toBase64(await blobBytes(blob)) });
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
	});
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
	if (!isObject(data) || data.format !== BACKUP_FORMAT) throw new BackupError('not-a-backup', 'Not a Траектория backup');
	if (typeof data.formatVersion !== 'number' || data.formatVersion > BACKUP_FORMAT_VERSION) {
		throw new BackupError('newer-version', 'The backup was made by a newer version of the app');
	}
	if (!isObject(data.tables) || !Array.isArray(data.outbox) || !Array.isArray(data.meta)) {
		throw new BackupError('corrupt', 'Missing sections');
	}
	for (const t of SYNCED_TABLES) {
		const rows = data.tables[t] ?? [];
		if (!Array.isArray(rows) || rows.some((r) => !isObject(r) || typeof r.id !== 'string' || typeof r.updatedAt !== 'string')) {
			throw new BackupError('corrupt', `Bad rows in ${t}`);
		}
	}
	for (const e of data.outbox) {
		if (!isObject(e) || typeof e.mutationId !== 'string' || typeof e.seq !== 'number' || !SYNCED_TABLES.includes(e.table as SyncedTable)) {
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
	const out: OutboxEntry = { ...entry, seq, status: 'pending', reason: null };
	if (entry.status === 'rejected' && entry.reason) out.message = [entry.reason, entry.message].filter(Boolean).join(': ');
	return out;
}

/**
 * Merge a backup into this database in one transaction (all or nothing). A row is taken from the
 * backup when it is missing here or the backup's copy is newer; the backup's unsynced changes are
 * queued again only for rows taken from it, renumbered after this device's own queue and waiting to
 * be sent (see `requeued`), so a restored device never pushes an old change over a newer one. Importing the same file twice
 * changes nothing the second time.
 */
export async function importBackup(db: AppDatabase, backup: Backup): Promise<ImportSummary> {
	const summary: ImportSummary = { rowsAdded: 0, rowsUpdated: 0, rowsKept: 0, changesQueued: 0, attachments: 0 };
	try {
		await db.transaction('rw', [...SYNCED_TABLES.map((t) => db.table(t)), db.outbox, db.meta, db.attachments], async () => {
			const taken = new Set<string>();
			for (const t of SYNCED_TABLES) {
				const table = db.table(t);
				for (const row of backup.tables[t] ?? []) {
					const local = (await table.get(row.id as string)) as Record<string, unknown> | undefined;
					if (!local) summary.rowsAdded++;
					else if ((row.updatedAt as string) > (local.updatedAt as string)) summary.rowsUpdated++;
					else {
						summary.rowsKept++;
						continue;
					}
					await table.put(row);
					taken.add(`${t}/${row.id as string}`);
				}
			}
			const counter = await db.meta.get('outbox.nextSeq');
			let seq = typeof counter?.value === 'number' ? counter.value : 1;
			for (const entry of [...backup.outbox].sort((a, b) => a.seq - b.seq)) {
				if (!taken.has(`${entry.table}/${entry.rowId}`)) continue;
				if (await db.outbox.where('mutationId').equals(entry.mutationId).count()) continue;
				await db.outbox.add(requeued(entry, seq++));
				summary.changesQueued++;
			}
			await db.meta.put({ key: 'outbox.nextSeq', value: seq });
			for (const m of backup.meta) {
				if (DEVICE_META.test(m.key) || (await db.meta.get(m.key))) continue;
				await db.meta.put(m);
			}
			for (const { data, ...rest } of backup.attachments) {
				if (await db.attachments.get(rest.id)) continue;
				await db.attachments.put({ ...rest, blob: new Blob([fromBase64(data)], { type: rest.mime }) });
				summary.attachments++;
			}
		});
	} catch (error) {
		if (error instanceof LocalWriteError) throw error;
		throw toLocalWriteError(error);
	}
	return summary;
}
