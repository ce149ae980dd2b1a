/**
 * Client fields ↔ server columns. Only top-level names change (teacherId ↔ teacher_id): nested
 * values are jsonb on the server and keep their camelCase keys, so they round-trip exactly.
 */

/**
 * Server-only bookkeeping the device never stores: the pull's partition keys and horizons
 * (supabase/migrations/20261207000100_sync_partitions.sql). sync_pull leaves out all but
 * sync_txid; dropping them here too keeps a row read straight from a table the same as a pulled one.
 */
const SERVER_ONLY = new Set(['sync_txid', 'access_txid', 'target_teacher_id', 'target_party_id']);

export function toSnake(field: string): string {
	return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function toCamel(column: string): string {
	return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Client fields → server columns (for a mutation's `fields` and `base`). */
export function toServer(fields: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(fields)) out[toSnake(k)] = v;
	return out;
}

/**
 * A column that holds an instant. Every instant in the schema is named `…_at` (updated_at,
 * submitted_at, acknowledged_at, …) and every `…_at` is an instant; dates are `…_date`, `date`,
 * `deadline`, `…_on`.
 */
export function isInstantColumn(column: string): boolean {
	return column.endsWith('_at');
}

/**
 * The server writes instants as Postgres prints them ('2026-10-01T10:00:00.123456+00:00'); the
 * device stores `Date#toISOString()` ('2026-10-01T10:00:00.123Z'), so rows compare equal
 * whichever side they came from.
 */
export function normaliseInstant(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const at = new Date(value);
	return Number.isNaN(at.getTime()) ? value : at.toISOString();
}

/** A server row → the device's row: camelCase names, instants normalised, server-only columns dropped. */
export function fromServer(row: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(row)) {
		if (SERVER_ONLY.has(k)) continue;
		out[toCamel(k)] = isInstantColumn(k) ? normaliseInstant(v) : v;
	}
	return out;
}
