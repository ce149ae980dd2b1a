import { describe, expect, it } from 'vitest';
import { MIN_GROUP_SIZE, suppressed } from './privacy';

describe('the k ≥ 5 rule', () => {
	it('hides a group of four teachers and shows a group of five', () => {
		expect(MIN_GROUP_SIZE).toBe(5);
		expect(suppressed(4)).toBe(true);
		expect(suppressed(5)).toBe(false);
	});

	it('hides an empty group', () => {
		expect(suppressed(0)).toBe(true);
	});
});
