/**
 * Municipal users see aggregates over at least this many teachers; a smaller group could reveal
 * one person's answers (152-ФЗ; DOMAIN.md, Privacy). The database enforces the same number.
 */
export const MIN_GROUP_SIZE = 5;

/** True when a group is too small to show to a municipal user. */
export function suppressed(groupSize: number): boolean {
	return groupSize < MIN_GROUP_SIZE;
}
