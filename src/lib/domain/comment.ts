import type { Draft, Id, SyncedRow } from './common';
import { objectSchema, oneOf, text, uuid } from './validation';

export const COMMENT_TARGETS = ['mentoring_sessions', 'observations', 'plan_actions', 'deficits'] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

/** Insert-only: two people commenting on one record never overwrite each other. */
export interface Comment extends SyncedRow {
	targetTable: CommentTarget;
	targetId: Id;
	authorId: Id;
	body: string;
}

export const commentSchema = /* @__PURE__ */ objectSchema<Draft<Comment>>({
	targetTable: oneOf(COMMENT_TARGETS),
	targetId: uuid(),
	authorId: uuid(),
	body: text({ required: true, max: 4000 })
});
