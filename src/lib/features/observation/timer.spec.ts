import { describe, expect, it } from 'vitest';
import { STOPPED, clockFace, elapsedMs, pauseTimer, startTimer, timerFromMinutes, timerMinutes } from './timer';

const MIN = 60_000;

describe('the lesson timer', () => {
	it('counts while running and keeps what it gathered across a pause', () => {
		const running = startTimer(STOPPED, 1_000);
		expect(elapsedMs(running, 1_000 + 5 * MIN)).toBe(5 * MIN);
		const paused = pauseTimer(running, 1_000 + 5 * MIN);
		expect(elapsedMs(paused, 1_000 + 60 * MIN)).toBe(5 * MIN);
		const again = startTimer(paused, 2_000_000);
		expect(elapsedMs(again, 2_000_000 + 2 * MIN)).toBe(7 * MIN);
	});

	it('ignores a second start or pause, and a clock set back', () => {
		const running = startTimer(STOPPED, 10_000);
		expect(startTimer(running, 99_000)).toBe(running);
		expect(pauseTimer(STOPPED, 5)).toBe(STOPPED);
		expect(elapsedMs(running, 0)).toBe(0);
	});

	it('stores whole minutes: none under one, at most ten hours', () => {
		expect(timerMinutes(59_999)).toBeNull();
		expect(timerMinutes(MIN)).toBe(1);
		expect(timerMinutes(44.9 * MIN)).toBe(44);
		expect(timerMinutes(24 * 60 * MIN)).toBe(600);
	});

	it('shows minutes and seconds, and restores stored minutes paused', () => {
		expect(clockFace(0)).toBe('0:00');
		expect(clockFace(12 * MIN + 5_000)).toBe('12:05');
		expect(clockFace(75 * MIN)).toBe('75:00');
		expect(timerFromMinutes(40)).toEqual({ startedAt: null, accumulatedMs: 40 * MIN });
		expect(timerFromMinutes(null)).toEqual(STOPPED);
	});
});
