import { describe, expect, it } from 'vitest';
import { isValidParent } from './organization';

describe('isValidParent', () => {
	it('follows region → municipality → school → ШМО', () => {
		expect(isValidParent({ kind: 'school' }, { kind: 'municipality' })).toBe(true);
		expect(isValidParent({ kind: 'methodical_association' }, { kind: 'school' })).toBe(true);
		expect(isValidParent({ kind: 'school' }, { kind: 'region' })).toBe(false);
		expect(isValidParent({ kind: 'region' }, null)).toBe(true);
		expect(isValidParent({ kind: 'school' }, null)).toBe(false);
	});
});
