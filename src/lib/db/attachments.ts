import type { Id } from '$lib/domain/common';
import type { AppDatabase, Attachment, SyncedTable } from './database';
import { toLocalWriteError } from './errors';
import { newId, nowIso } from './ids';

/**
 * Photos and files kept on this device as evidence. They have no outbox entry: blobs are not
 * synced yet, and the row that points at one (a plan action's evidence) carries only its id.
 */

export interface NewAttachment {
	ownerTable: SyncedTable;
	ownerId: Id;
	name: string;
	blob: Blob;
}

/**
 * Store a blob. Runs inside the caller's transaction when there is one (a photo and the evidence
 * that points at it are written together), so it must not await anything but Dexie.
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
		createdAt: nowIso()
	};
	try {
		await db.attachments.add(attachment);
	} catch (error) {
		throw toLocalWriteError(error);
	}
	return attachment;
}

export function get(db: AppDatabase, id: Id): Promise<Attachment | undefined> {
	return db.attachments.get(id);
}

export function listForOwner(db: AppDatabase, ownerId: Id): Promise<Attachment[]> {
	return db.attachments.where('ownerId').equals(ownerId).toArray();
}

export async function remove(db: AppDatabase, id: Id): Promise<void> {
	try {
		await db.attachments.delete(id);
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

/** Every attachment of a row, e.g. when the row itself is deleted. */
export async function removeForOwner(db: AppDatabase, ownerId: Id): Promise<void> {
	try {
		await db.attachments.where('ownerId').equals(ownerId).delete();
	} catch (error) {
		throw toLocalWriteError(error);
	}
}
