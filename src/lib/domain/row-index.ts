import type { Id } from './common';

/**
 * Rows grouped once by a key (a teacher, a school, a plan), then gathered for a set of keys in the
 * order of the original list. The reports compute a figure per school: filtering every row of the
 * municipality for each school made them quadratic (issue 18), gathering makes each school's
 * figures cost its own rows. The original order is kept, so every sum is added in the same order
 * and every figure comes out to the same bit.
 */
export interface RowIndex<T> {
	/** The rows whose key is one of `keys` (each key once), in their original order. */
	of(keys: Iterable<Id>): T[];
	/** The rows of one key, in their original order (shared: do not change it). */
	get(key: Id): readonly T[];
}

const NONE: readonly never[] = [];

export function indexRows<T>(rows: readonly T[], key: (row: T) => Id): RowIndex<T> {
	const positions = new Map<Id, number[]>();
	const lists = new Map<Id, T[]>();
	rows.forEach((row, i) => {
		const k = key(row);
		const at = positions.get(k);
		if (at) {
			at.push(i);
			lists.get(k)!.push(row);
		} else {
			positions.set(k, [i]);
			lists.set(k, [row]);
		}
	});
	return {
		of(keys) {
			const at: number[] = [];
			for (const k of new Set(keys)) {
				const found = positions.get(k);
				if (found) for (const i of found) at.push(i);
			}
			at.sort((a, b) => a - b);
			return at.map((i) => rows[i]!);
		},
		get: (k) => lists.get(k) ?? NONE
	};
}
