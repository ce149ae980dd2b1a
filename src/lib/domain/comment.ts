import type { Id, SyncedRow } from './common';

export const COMMENT_TARGETS = ['mentoring_sessions', 'observations', 'plan_actions', 'deficits'] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

/** Insert-only: two people commenting on one record never overwrite each other. */
export interface Comment extends SyncedRow {
	targetTable: CommentTarget;
	targetId: Id;
	authorId: Id;
	body: string;
}
