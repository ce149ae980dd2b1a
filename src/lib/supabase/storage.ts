import type { SupabaseClient } from '@supabase/supabase-js';
import { SyncTransportError } from '$lib/sync/transport';
import { EVIDENCE_BUCKET, type FileFailure, type FileTransport, FileTransportError } from '$lib/sync/uploads';
import { assertSessionOf } from './transport';

/** What storage-js hands back as an error: the HTTP status and the Storage API's own code. */
interface StorageErrorLike {
	message?: string;
	status?: number;
	statusCode?: string;
}

/**
 * The reason a Storage call failed. storage-js reports a fetch that never reached the server as
 * an error without a status; the Storage API answers a path already taken with 409 (older
 * versions: HTTP 400 carrying statusCode '409'), a file over the bucket's limit with 413, a type
 * it does not take with 415, and a policy refusal with 403 (or 400 'row-level security').
 */
export function failureOf(error: StorageErrorLike): FileFailure | 'exists' {
	const code = String(error.statusCode ?? '');
	const status = typeof error.status === 'number' ? error.status : 0;
	const message = error.message ?? '';
	if (status === 409 || code === '409' || /already exists|duplicate/i.test(message)) return 'exists';
	if (status === 413 || code === '413' || /maximum allowed size|too large/i.test(message)) return 'too_large';
	if (status === 415 || code === '415' || /mime type/i.test(message)) return 'unsupported_type';
	if (status === 404 || code === '404' || /not.found/i.test(message)) return 'not_found';
	if (status === 401 || code === '401' || /jwt|token/i.test(message)) return 'auth';
	if (status === 403 || code === '403' || /row-level security|unauthorized/i.test(message)) return 'forbidden';
	if (!status) return 'offline';
	return status >= 500 ? 'server' : 'forbidden';
}

/** Files in the private bucket 'evidence', as the signed-in user (the bucket's policies decide). */
export function createFileTransport(client: SupabaseClient, userId: string): FileTransport {
	const bucket = () => client.storage.from(EVIDENCE_BUCKET);
	/** Only under `userId`'s session: another tab may have signed in as someone else. */
	const mine = async () => {
		try {
			await assertSessionOf(client, userId);
		} catch (error) {
			const offline = error instanceof SyncTransportError && error.kind === 'offline';
			throw new FileTransportError(
				offline ? 'offline' : 'auth',
				error instanceof Error ? error.message : String(error)
			);
		}
	};
	return {
		async upload(path, blob, mime) {
			await mine();
			// The bytes as the body (not a form): the object's content type is the file's own.
			const { error } = await bucket().upload(path, await blob.arrayBuffer(), { contentType: mime, upsert: false });
			if (!error) return 'uploaded';
			const failure = failureOf(error as StorageErrorLike);
			// One object per attachment id: the path is taken only by this same file, sent before.
			if (failure === 'exists') return 'uploaded';
			throw new FileTransportError(failure, error.message);
		},
		async remove(path) {
			await mine();
			const { error } = await bucket().remove([path]);
			if (!error) return;
			const failure = failureOf(error as StorageErrorLike);
			if (failure !== 'exists') throw new FileTransportError(failure, error.message);
		},
		async download(path) {
			await mine();
			const { data, error } = await bucket().download(path);
			if (error || !data) {
				const failure = error ? failureOf(error as StorageErrorLike) : 'server';
				throw new FileTransportError(failure === 'exists' ? 'server' : failure, error?.message ?? 'no data');
			}
			return data;
		}
	};
}
