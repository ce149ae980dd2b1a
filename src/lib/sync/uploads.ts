import type { AppDatabase, Attachment, SyncedTable } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import { nowIso } from '$lib/db/ids';

/**
 * The upload queue of evidence files (docs/files.md). Run by the sync engine after each push, so a
 * file goes only once the server has accepted the row it belongs to (no outbox entry left for the
 * row; the bucket's policy also refuses a file for a row it does not have).
 *
 * Exactly once: a file's object path is fixed by its ids, `{teacherId}/{ownerTable}/{ownerId}/{id}`,
 * and objects are never overwritten. Before a request the row is marked 'uploading' and its
 * attempts counted; an upload interrupted anywhere (a lost answer, a reload, a crash) is sent
 * again to the same path, and «already exists» means the first request got through — a Storage
 * upload is written whole or not at all, so the object found there is this file.
 */

export const EVIDENCE_BUCKET = 'evidence';

/** Tables whose rows may carry files (the bucket's policies know these three). */
export const FILE_OWNER_TABLES: readonly SyncedTable[] = ['plan_actions', 'activities', 'observations'];

/**
 * Why a Storage call failed. offline, auth and server pass (the file waits and is sent again);
 * too_large, unsupported_type and forbidden are the server's final word on this file;
 * not_found: a download of a file that is not (yet) on the server.
 */
export type FileFailure = 'offline' | 'auth' | 'server' | 'too_large' | 'unsupported_type' | 'forbidden' | 'not_found';

const FINAL: ReadonlySet<FileFailure> = new Set(['too_large', 'unsupported_type', 'forbidden']);

export class FileTransportError extends Error {
	readonly kind: FileFailure;
	constructor(kind: FileFailure, message: string) {
		super(message);
		this.name = 'FileTransportError';
		this.kind = kind;
	}
}

/** Storage as the queue needs it; the app's goes through supabase-js (supabase/storage.ts). */
export interface FileTransport {
	/** Resolves when the object is on the server, whether this request or an earlier one put it there. */
	upload(path: string, blob: Blob, mime: string): Promise<'uploaded'>;
	/** Resolves when the object is gone (also when it was never there). */
	remove(path: string): Promise<void>;
	download(path: string): Promise<Blob>;
}

export function storagePath(teacherId: Id, ownerTable: SyncedTable, ownerId: Id, attachmentId: Id): string {
	return `${teacherId}/${ownerTable}/${ownerId}/${attachmentId}`;
}

export interface UploadSummary {
	uploaded: number;
	removed: number;
	failed: number;
	/** Left waiting: their row is not on the server yet, or the network went away. */
	waiting: number;
}

function failureOf(error: unknown): FileFailure {
	return error instanceof FileTransportError ? error.kind : 'server';
}

/** Change a stored file unless it was removed meanwhile (the user may delete it during an upload). */
async function patch(db: AppDatabase, id: Id, changes: Partial<Attachment>, evenIfRemoved = false): Promise<boolean> {
	return db.transaction('rw', db.attachments, async () => {
		const current = await db.attachments.get(id);
		if (!current || (current.deletedAt && !evenIfRemoved)) return false;
		await db.attachments.put({ ...current, ...changes });
		return true;
	});
}

/** Rows stored before schema v10, restored from a backup or moved from guest mode: pending. */
async function adopt(db: AppDatabase): Promise<void> {
	await db.attachments
		.filter((a) => a.uploadStatus === undefined)
		.modify((a: Attachment) => {
			Object.assign(a, { uploadStatus: 'pending', attempts: 0, error: null, deletedAt: a.deletedAt ?? null });
		});
}

/** Whether the server has accepted every change of the row (nothing of it left in the outbox). */
async function rowIsPushed(db: AppDatabase, table: SyncedTable, rowId: Id): Promise<boolean> {
	return (await db.outbox.where('[table+rowId]').equals([table, rowId]).count()) === 0;
}

async function teacherOf(db: AppDatabase, file: Attachment): Promise<Id | null> {
	if (file.teacherId) return file.teacherId;
	const row = (await db.table(file.ownerTable).get(file.ownerId)) as { teacherId?: Id } | undefined;
	return row?.teacherId ?? null;
}

/**
 * Send what waits: uploads of files whose rows are on the server, removals of files deleted here.
 * Stops at the first failure that is not about the file itself (no network, an expired session,
 * a server error): the rest waits for the next cycle.
 */
export async function runUploads(db: AppDatabase, files: FileTransport): Promise<UploadSummary> {
	await adopt(db);
	const summary: UploadSummary = { uploaded: 0, removed: 0, failed: 0, waiting: 0 };
	const queue = (await db.attachments.where('uploadStatus').anyOf('pending', 'uploading').toArray()).sort((a, b) =>
		a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0
	);
	for (let i = 0; i < queue.length; i++) {
		const file = queue[i]!;
		const teacherId = await teacherOf(db, file);
		if (file.deletedAt) {
			const path =
				file.storagePath ?? (teacherId ? storagePath(teacherId, file.ownerTable, file.ownerId, file.id) : null);
			try {
				if (path) await files.remove(path);
				await db.attachments.delete(file.id);
				summary.removed++;
			} catch (error) {
				const kind = failureOf(error);
				const final = FINAL.has(kind);
				await patch(db, file.id, { uploadStatus: final ? 'failed' : 'pending', error: kind }, true);
				if (final) summary.failed++;
				else return { ...summary, waiting: summary.waiting + queue.length - i };
			}
			continue;
		}
		if (
			!FILE_OWNER_TABLES.includes(file.ownerTable) ||
			!teacherId ||
			!(await rowIsPushed(db, file.ownerTable, file.ownerId))
		) {
			summary.waiting++;
			continue;
		}
		const path = storagePath(teacherId, file.ownerTable, file.ownerId, file.id);
		// Counted before the request: if its answer never comes, a removal knows the server may have it.
		const claimed = await patch(db, file.id, {
			teacherId,
			storagePath: path,
			uploadStatus: 'uploading',
			attempts: (file.attempts ?? 0) + 1,
			error: null
		});
		if (!claimed) continue;
		try {
			await files.upload(path, file.blob, file.mime || 'application/octet-stream');
			await patch(db, file.id, { uploadStatus: 'uploaded', error: null });
			summary.uploaded++;
		} catch (error) {
			const kind = failureOf(error);
			const final = FINAL.has(kind);
			await patch(db, file.id, { uploadStatus: final ? 'failed' : 'pending', error: kind });
			if (final) summary.failed++;
			else return { ...summary, waiting: summary.waiting + queue.length - i };
		}
	}
	return summary;
}

/** Files that wait to be sent (not removals, not refused ones): the sync screen's count. */
export function waitingCount(db: AppDatabase): Promise<number> {
	return db.attachments
		.where('uploadStatus')
		.anyOf('pending', 'uploading')
		.filter((a) => !a.deletedAt)
		.count();
}

export interface RemoteFile {
	ownerTable: SyncedTable;
	ownerId: Id;
	teacherId: Id;
	attachmentId: Id;
	name?: string;
}

/**
 * A file of a row this device pulled (a mentee's photo on the mentor's phone): the local copy, or
 * downloaded now and kept ('remote': never uploaded from here), so it shows offline next time.
 */
export async function fetchRemote(db: AppDatabase, files: FileTransport, file: RemoteFile): Promise<Attachment> {
	const local = await db.attachments.get(file.attachmentId);
	if (local && !local.deletedAt) return local;
	const path = storagePath(file.teacherId, file.ownerTable, file.ownerId, file.attachmentId);
	const blob = await files.download(path);
	const copy: Attachment = {
		id: file.attachmentId,
		ownerTable: file.ownerTable,
		ownerId: file.ownerId,
		name: file.name ?? file.attachmentId,
		mime: blob.type,
		size: blob.size,
		blob,
		createdAt: nowIso(),
		teacherId: file.teacherId,
		storagePath: path,
		uploadStatus: 'remote',
		attempts: 0,
		error: null,
		deletedAt: null
	};
	return db.transaction('rw', db.attachments, async () => {
		const now = await db.attachments.get(file.attachmentId);
		if (now && !now.deletedAt) return now;
		await db.attachments.put(copy);
		return copy;
	});
}
