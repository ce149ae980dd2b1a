import { COMMENT_TARGETS, type Comment } from '../comment';
import type { Draft } from '../common';
import { objectSchema, oneOf, text, uuid } from '../validation';

export const commentSchema = /* @__PURE__ */ objectSchema<Draft<Comment>>({
	targetTable: oneOf(COMMENT_TARGETS),
	targetId: uuid(),
	authorId: uuid(),
	body: text({ required: true, max: 4000 })
});
