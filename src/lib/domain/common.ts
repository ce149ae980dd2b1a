/** A UUID made on the device (offline creation is normal). */
export type Id = string;
/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** An instant, ISO 8601 with time zone ('2026-09-01T08:30:00.000Z'). */
export type IsoDateTime = string;

/**
 * Fields every synced row carries. `version` and `updatedAt` are the server's once the row has
 * been synced; a row made on the device starts at version 0. Rows are never hard-deleted:
 * `deletedAt` is a tombstone that sync carries to every device.
 */
export interface SyncedRow {
	id: Id;
	version: number;
	updatedAt: IsoDateTime;
	updatedBy: Id | null;
	deletedAt: IsoDateTime | null;
}

/** The fields the data layer fills in; a draft for a new row leaves them out. */
export type RowMeta = keyof SyncedRow;
export type Draft<T extends SyncedRow> = Omit<T, RowMeta>;

/** The outcome of a rule that may refuse: the new value, or a code the UI turns into a message. */
export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };
