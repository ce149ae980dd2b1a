import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay } from './backoff';

describe('backoff', () => {
	it('doubles from about a second after each failure in a row', () => {
		const top = () => 1;
		expect([1, 2, 3, 4].map((n) => backoffDelay(n, top))).toEqual([1000, 2000, 4000, 8000]);
	});

	it('never waits more than five minutes', () => {
		expect(backoffDelay(30, () => 1)).toBe(BACKOFF_CAP_MS);
		expect(backoffDelay(1000, () => 1)).toBe(BACKOFF_CAP_MS);
	});

	it('spreads retries over the upper half of the interval', () => {
		expect(backoffDelay(3, () => 0)).toBe(2000);
		expect(backoffDelay(3, () => 0.5)).toBe(3000);
	});
});
