import type { Id } from '$lib/domain/common';

// Kept apart from database.ts (which brings Dexie): the first screen knows which database to read
// before Dexie has loaded.

export const GUEST_DATABASE = 'trajectory-guest';

/** One database per signed-in user, so people sharing a school PC never see each other's data. */
export function databaseNameFor(userId: Id | null): string {
	return userId ? `trajectory-user-${userId}` : GUEST_DATABASE;
}
