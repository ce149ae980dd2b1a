import * as attachments from '$lib/db/attachments';
import type { AppDatabase, Attachment } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import type { RemoteFile } from '$lib/sync/uploads';

/**
 * The file behind a piece of evidence, for showing it: this device's copy, or — for a row pulled
 * from the server (a mentee's photo on the mentor's phone, the teacher's own on a new phone) —
 * downloaded now as `userId` and kept, so it shows offline next time. Null when neither works
 * (offline, not uploaded yet, not allowed, guest mode). Storage's client loads only here.
 */
export async function loadFile(db: AppDatabase, userId: Id | null, ref: RemoteFile): Promise<Attachment | null> {
	const local = await attachments.get(db, ref.attachmentId);
	if (local) return local;
	if (!userId) return null;
	try {
		const [{ loadClient }, { createFileTransport }, { fetchRemote }] = await Promise.all([
			import('$lib/supabase/auth'),
			import('$lib/supabase/storage'),
			import('$lib/sync/uploads')
		]);
		return await fetchRemote(db, createFileTransport(await loadClient(), userId), ref);
	} catch {
		return null;
	}
}
