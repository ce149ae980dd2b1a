import type { Id, IsoDateTime } from '$lib/domain/common';
import { loadClient } from './auth';

/**
 * A person's rights over her data on the server (migration 20261207001200_data_rights.sql):
 * the export of every row naming her and her files, her erasure requests, and the
 * administrator's list of requests and «Выполнить удаление». Online only: none of it is on the
 * device. docs/privacy.md says what an erasure deletes and keeps.
 */

/** The private bucket of evidence files (docs/files.md): paths begin with the teacher's profile id. */
export const EVIDENCE_BUCKET = 'evidence';

/** Why a call failed, for the screen to say what happened and what to do. */
export type DataRightsProblem = 'offline' | 'forbidden' | 'rejected';

export class DataRightsError extends Error {
	readonly problem: DataRightsProblem;
	constructor(problem: DataRightsProblem, message: string) {
		super(message);
		this.name = 'DataRightsError';
		this.problem = problem;
	}
}

/** What public.my_data_export returns: rows by table (server column names) and file paths. */
export interface ServerExport {
	format: number;
	exported_at: IsoDateTime;
	profile_id: Id;
	tables: Record<string, Record<string, unknown>[]>;
	files: string[];
}

export type ErasureStatus = 'requested' | 'done' | 'withdrawn';

export interface ErasureRequest {
	id: Id;
	requestedAt: IsoDateTime;
	status: ErasureStatus;
	carriedOutAt: IsoDateTime | null;
}

/** A request as the administrator sees it, with whose it is (today's name; after it: the anonymous profile's). */
export interface ErasureRequestEntry extends ErasureRequest {
	profileId: Id;
	fullName: string | null;
	email: string | null;
	schoolName: string | null;
	/** The person's files still in storage. */
	files: number;
}

interface Answer {
	data: unknown;
	error: { code?: string; message?: string } | null;
}

function failed(error: { code?: string; message?: string; status?: number; statusCode?: string }): DataRightsError {
	const message = error.message ?? '';
	// supabase-js reports a failed fetch as an error without a SQLSTATE or status.
	if ((!error.code && !error.status && !error.statusCode) || /failed to fetch|networkerror|load failed/i.test(message))
		return new DataRightsError('offline', message);
	const forbidden =
		error.code === '42501' || error.status === 401 || error.status === 403 || /row-level security/i.test(message);
	return new DataRightsError(forbidden ? 'forbidden' : 'rejected', message || String(error.code));
}

async function answer(run: (client: Awaited<ReturnType<typeof loadClient>>) => PromiseLike<Answer>): Promise<unknown> {
	let result: Answer;
	try {
		result = await run(await loadClient());
	} catch (error) {
		throw new DataRightsError('offline', String(error));
	}
	if (result.error) throw failed(result.error);
	return result.data;
}

type Row = Record<string, unknown>;
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function request(r: Row): ErasureRequest {
	return {
		id: String(r.id),
		requestedAt: String(r.requested_at),
		status: String(r.status) as ErasureStatus,
		carriedOutAt: text(r.carried_out_at)
	};
}

// ——— The person ———

/** Every row the server holds that names me, and my files' paths. */
export async function exportMyData(): Promise<ServerExport> {
	return (await answer((c) => c.rpc('my_data_export'))) as ServerExport;
}

/** One of my files from the bucket, as bytes. */
export async function downloadFile(path: string): Promise<Uint8Array> {
	let blob: Blob | null;
	try {
		const client = await loadClient();
		const { data, error } = await client.storage.from(EVIDENCE_BUCKET).download(path);
		if (error) throw failed(error as { message?: string; status?: number });
		blob = data;
	} catch (error) {
		if (error instanceof DataRightsError) throw error;
		throw new DataRightsError('offline', String(error));
	}
	return new Uint8Array(await blob!.arrayBuffer());
}

/** My requests, newest first (row-level security shows a person only her own). */
export async function myErasureRequests(profileId: Id): Promise<ErasureRequest[]> {
	const data = (await answer((c) =>
		c.from('erasure_requests').select('id, requested_at, status, carried_out_at').eq('profile_id', profileId)
	)) as Row[] | null;
	return (data ?? []).map(request).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}

export async function requestErasure(profileId: Id): Promise<void> {
	await answer((c) => c.from('erasure_requests').insert({ profile_id: profileId }));
}

/** A waiting request becomes 'withdrawn' (row-level security allows nothing else). */
export async function withdrawErasure(requestId: Id): Promise<void> {
	await answer((c) =>
		c.from('erasure_requests').update({ status: 'withdrawn' }).eq('id', requestId).eq('status', 'requested')
	);
}

// ——— The administrator ———

export async function erasureRequests(): Promise<ErasureRequestEntry[]> {
	const data = ((await answer((c) => c.rpc('erasure_request_list'))) ?? []) as Row[];
	return data.map((r) => ({
		...request(r),
		profileId: String(r.profile_id),
		fullName: text(r.full_name),
		email: text(r.email),
		schoolName: text(r.school_name),
		files: Number(r.files ?? 0)
	}));
}

/**
 * Carry a request out: first the person's files are removed through the Storage API (the bucket
 * lets an administrator delete), then the server re-keys, blanks and deletes her rows
 * (carry_out_erasure refuses while any of her files remain). Returns the anonymous profile's id.
 */
export async function carryOutErasure(requestId: Id): Promise<Id> {
	const paths = ((await answer((c) => c.rpc('erasure_files', { p_request: requestId }))) ?? []) as string[];
	for (let i = 0; i < paths.length; i += 100) {
		const batch = paths.slice(i, i + 100);
		await answer(async (c) => {
			const { error } = await c.storage.from(EVIDENCE_BUCKET).remove(batch);
			return { data: null, error: error as Answer['error'] };
		});
	}
	return String(await answer((c) => c.rpc('carry_out_erasure', { p_request: requestId })));
}
