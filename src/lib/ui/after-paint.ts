/**
 * Run `fn` once the screen just rendered has been painted: in the task after the next frame, or
 * after 200 ms in a hidden tab, which draws no frames. What a first screen fetches after itself
 * (Dexie, a list's reads) starts here, so that it does not compete with that screen's own requests.
 * Returns a cancel.
 */
export function afterPaint(fn: () => void): () => void {
	let done = false;
	const go = () => {
		if (done) return;
		done = true;
		fn();
	};
	const frame = requestAnimationFrame(() => setTimeout(go));
	const timer = setTimeout(go, 200);
	return () => {
		done = true;
		cancelAnimationFrame(frame);
		clearTimeout(timer);
	};
}
