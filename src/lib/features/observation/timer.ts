import { OBSERVATION_MINUTES } from '$lib/domain/schemas/observation';

/**
 * The lesson timer as plain data: when it was last started (epoch ms, null while paused) and the
 * time gathered before that. Wall-clock based, so it keeps counting across a reload or a phone
 * that locked its screen during the lesson.
 */
export interface TimerState {
	startedAt: number | null;
	accumulatedMs: number;
}

export const STOPPED: TimerState = { startedAt: null, accumulatedMs: 0 };

export function elapsedMs(state: TimerState, now: number): number {
	// A clock set back while running must not make the lesson shorter than what was gathered.
	const running = state.startedAt === null ? 0 : Math.max(0, now - state.startedAt);
	return state.accumulatedMs + running;
}

export function startTimer(state: TimerState, now: number): TimerState {
	return state.startedAt === null ? { startedAt: now, accumulatedMs: state.accumulatedMs } : state;
}

export function pauseTimer(state: TimerState, now: number): TimerState {
	return state.startedAt === null ? state : { startedAt: null, accumulatedMs: elapsedMs(state, now) };
}

/**
 * Whole minutes to store with the observation: null under a minute (nothing worth recording),
 * capped at the schema's maximum (a timer forgotten overnight).
 */
export function timerMinutes(ms: number): number | null {
	const minutes = Math.floor(ms / 60_000);
	if (minutes < OBSERVATION_MINUTES.min) return null;
	return Math.min(minutes, OBSERVATION_MINUTES.max);
}

/** A paused timer showing minutes stored on the row (opened on a device with no timer of its own). */
export function timerFromMinutes(minutes: number | null): TimerState {
	return { startedAt: null, accumulatedMs: (minutes ?? 0) * 60_000 };
}

/** «12:05» for the screen: minutes (not capped at 59) and seconds. */
export function clockFace(ms: number): string {
	const total = Math.floor(ms / 1000);
	return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
