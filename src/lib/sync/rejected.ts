import type { AppDatabase, OutboxEntry, SyncedTable } from '$lib/db/database';
import type { Id, IsoDateTime } from '$lib/domain/common';
import { nowIso } from '$lib/db/ids';
import * as outbox from '$lib/db/outbox';

/** A change the server refused, with what the device holds of its row. */
export interface RejectedChange {
	seq: number;
	table: SyncedTable;
	rowId: Id;
	op: OutboxEntry['op'];
	fields: Record<string, unknown>;
	/** The server's code (forbidden, invalid_value, …), for the Russian message. */
	reason: string | null;
	message: string | null;
	createdAt: IsoDateTime;
	/** The row as it is on this device now (null once it left the device). */
	row: Record<string, unknown> | null;
}

export async function list(db: AppDatabase): Promise<RejectedChange[]> {
	const entries = (await outbox.rejected(db)).sort((a, b) => a.seq - b.seq);
	const out: RejectedChange[] = [];
	for (const e of entries) {
		const row = (await db.table(e.table).get(e.rowId)) as Record<string, unknown> | undefined;
		out.push({
			seq: e.seq,
			table: e.table,
			rowId: e.rowId,
			op: e.op,
			fields: e.fields,
			reason: e.reason,
			message: e.message ?? null,
			createdAt: e.createdAt,
			row: row ?? null
		});
	}
	return out;
}

export const REJECTED_FORMAT = 'trajectory-rejected-changes';

/** The refused changes as a JSON file's text («Сохранить файл»), to hand to a methodist or support. */
export async function exportRejected(db: AppDatabase): Promise<string> {
	return JSON.stringify(
		{ format: REJECTED_FORMAT, exportedAt: nowIso(), database: db.name, entries: await list(db) },
		null,
		2
	);
}
