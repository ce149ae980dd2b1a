import {
	STOPPED,
	clockFace,
	elapsedMs,
	pauseTimer,
	startTimer,
	timerFromMinutes,
	timerMinutes,
	type TimerState
} from './timer';

/**
 * The lesson timer at the top of an observation: start, pause, elapsed time. The owner calls
 * `tick()` every second while it runs (the component owns the interval, so nothing keeps ticking
 * after the screen is gone).
 */
export class LessonTimer {
	#state = $state<TimerState>(STOPPED);
	#now = $state(0);
	#clock: () => number;

	constructor(clock: () => number) {
		this.#clock = clock;
		this.#now = clock();
	}

	/** This device's own timer if it has one, else the minutes stored on the row, paused. */
	restore(local: TimerState | null | undefined, storedMinutes: number | null): void {
		this.#state = local ?? timerFromMinutes(storedMinutes);
		this.#now = this.#clock();
	}

	get state(): TimerState {
		return $state.snapshot(this.#state);
	}
	get running(): boolean {
		return this.#state.startedAt !== null;
	}
	/** Whether it was ever started (a paused timer at 0:00 offers «Старт», not «Продолжить»). */
	get started(): boolean {
		return this.running || this.#state.accumulatedMs > 0;
	}
	get elapsedMs(): number {
		return elapsedMs(this.#state, this.#now);
	}
	/** Whole minutes as stored with the observation (null under one). */
	get minutes(): number | null {
		return timerMinutes(this.elapsedMs);
	}
	get face(): string {
		return clockFace(this.elapsedMs);
	}

	start(): void {
		this.#now = this.#clock();
		this.#state = startTimer(this.#state, this.#now);
	}

	pause(): void {
		this.#now = this.#clock();
		this.#state = pauseTimer(this.#state, this.#now);
	}

	tick(): void {
		this.#now = this.#clock();
	}
}
