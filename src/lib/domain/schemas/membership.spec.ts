import { describe, expect, it } from 'vitest';
import { buildMembership, codesOf } from '../testing/builders';
import { membershipSchema } from './membership';

describe('membershipSchema', () => {
	it('accepts a valid membership', () => {
		expect(membershipSchema.validate(buildMembership({ role: 'school_methodist' }))).toEqual([]);
	});
	it('refuses an unknown role and malformed ids', () => {
		expect(
			codesOf(
				membershipSchema.validate(
					buildMembership({ role: 'director' as never, profileId: '', organizationId: 'school-1' })
				)
			)
		).toEqual(['organizationId:invalid_id', 'profileId:invalid_id', 'role:invalid_option']);
	});
	it('refuses something that is not an object', () => {
		expect(codesOf(membershipSchema.validate('teacher'))).toEqual([':invalid_type']);
	});
});
