export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * How long to wait after the n-th failure in a row (n ≥ 1): doubling from 1 s up to 5 min, with
 * "equal jitter" (half fixed, half random) so that a school's phones coming back online together
 * do not hit the server in step.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
