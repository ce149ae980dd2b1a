import { describe, expect, it } from 'vitest';
import { buildComment, codesOf } from '../testing/builders';
import { commentSchema } from './comment';

describe('commentSchema', () => {
	it('accepts a valid comment up to 4000 characters', () => {
		expect(commentSchema.validate(buildComment())).toEqual([]);
		expect(commentSchema.validate(buildComment({ body: 'я'.repeat(4000) }))).toEqual([]);
	});
	it('refuses a blank or too long body', () => {
		expect(codesOf(commentSchema.validate(buildComment({ body: '  ' })))).toEqual(['body:required']);
		expect(codesOf(commentSchema.validate(buildComment({ body: 'я'.repeat(4001) })))).toEqual(['body:too_long']);
	});
	it('refuses an unknown target table and a malformed target id', () => {
		expect(codesOf(commentSchema.validate(buildComment({ targetTable: 'profiles' as never, targetId: '42' })))).toEqual(
			['targetId:invalid_id', 'targetTable:invalid_option']
		);
	});
});
