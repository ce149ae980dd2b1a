import type { Id } from '$lib/domain/common';
import type { AppDatabase, Attachment, SyncedTable } from './database';
import { toLocalWriteError } from './errors';
import { newId, nowIso } from './ids';

/**
 * Photos and files kept on this device as evidence. The row that points at one (a plan action's
 * evidence) carries only its id; the file itself reaches the server from its own queue
 * (sync/uploads.ts) once the row has been pushed, at `{teacherId}/{ownerTable}/{ownerId}/{id}`.
 */

export interface NewAttachment {
	ownerTable: SyncedTable;
	ownerId: Id;
	name: string;
	blob: Blob;
	/** The teacher the row is about, when the caller knows it (otherwise the queue reads the row). */
	teacherId?: Id | null;
}

/**
 * Store a blob, waiting for upload. Runs inside the caller's transaction when there is one (a
 * photo and the evidence that points at it are written together), so it must not await anything
 * but Dexie.
 */
export async function save(db: AppDatabase, input: NewAttachment): Promise<Attachment> {
	const attachment: Attachment = {
		id: newId(),
		ownerTable: input.ownerTable,
		ownerId: input.ownerId,
		name: input.name,
		mime: input.blob.type,
		size: input.blob.size,
		blob: input.blob,
		createdAt: nowIso(),
		teacherId: input.teacherId ?? null,
		storagePath: null,
		uploadStatus: 'pending',
		attempts: 0,
		error: null,
		deletedAt: null
	};
	try {
		await db.attachments.add(attachment);
	} catch (error) {
		throw toLocalWriteError(error);
	}
	return attachment;
}

/** A file that may be shown (not a tombstone). */
export async function get(db: AppDatabase, id: Id): Promise<Attachment | undefined> {
	const row = await db.attachments.get(id);
	return row && !row.deletedAt ? row : undefined;
}

export async function listForOwner(db: AppDatabase, ownerId: Id): Promise<Attachment[]> {
	return (await db.attachments.where('ownerId').equals(ownerId).toArray()).filter((a) => !a.deletedAt);
}

/**
 * Whether the server may hold the file: a request was sent (its answer may have been lost) or it
 * was uploaded. A file that never left the device, a refused one and someone else's copy go at once.
 */
function mayBeOnServer(row: Attachment): boolean {
	if (row.uploadStatus === 'uploaded' || row.uploadStatus === 'uploading') return true;
	return row.uploadStatus === 'pending' && (row.attempts ?? 0) > 0;
}

/** Remove from the device; when the server may hold it, keep a tombstone the queue removes there. */
async function drop(db: AppDatabase, rows: Attachment[]): Promise<void> {
	const at = nowIso();
	for (const row of rows) {
		if (row.deletedAt) continue;
		if (!mayBeOnServer(row)) await db.attachments.delete(row.id);
		else
			await db.attachments.put({
				...row,
				blob: new Blob([]),
				size: 0,
				deletedAt: at,
				uploadStatus: 'pending',
				attempts: 0,
				error: null
			});
	}
}

export async function remove(db: AppDatabase, id: Id): Promise<void> {
	try {
		const row = await db.attachments.get(id);
		if (row) await drop(db, [row]);
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

/** Every attachment of a row, e.g. when the row itself is deleted. */
export async function removeForOwner(db: AppDatabase, ownerId: Id): Promise<void> {
	try {
		await drop(db, await db.attachments.where('ownerId').equals(ownerId).toArray());
	} catch (error) {
		throw toLocalWriteError(error);
	}
}
