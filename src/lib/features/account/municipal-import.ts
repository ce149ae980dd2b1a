import type { AppDatabase } from '$lib/db/database';
import type { Actor } from '$lib/db/rows';
import * as staffImport from '$lib/db/staff-import';
import type { Id } from '$lib/domain/common';
import {
	forServer,
	outcomesFromServer,
	outcomesOf,
	type Outcomes,
	type PlanOptions,
	type Reading
} from '$lib/domain/staff-import';

/**
 * Where a municipal list is matched and written. Signed in, on the server (the municipal
 * methodist's device holds no teacher profiles); in guest mode, on the device, which holds the
 * demo municipality's every profile. Either way the screen gets Outcomes per line.
 */
export interface Backend {
	/** True when writes stay on the device until the next sync (guest mode). */
	readonly local: boolean;
	/** What importing would do (`write` false), or do it. */
	run(reading: Reading, schoolOf: (name: string) => Id | null, options: PlanOptions, write: boolean): Promise<Outcomes>;
}

export function onDevice(db: AppDatabase, actor: Actor): Backend {
	return {
		local: true,
		async run(reading, schoolOf, options, write) {
			return outcomesOf(
				write
					? await staffImport.applyMany(db, reading, schoolOf, actor, options)
					: await staffImport.previewMany(db, reading, schoolOf, options)
			);
		}
	};
}

export function onServer(): Backend {
	return {
		local: false,
		async run(reading, schoolOf, options, write) {
			const sent = forServer(reading, schoolOf);
			// Loaded only now: supabase-js and this call are for signed-in municipal users.
			const { run } = await import('$lib/supabase/staff-import');
			const answer =
				sent.rows.length > 0
					? await run(sent.rows, reading.asOf ?? options.today ?? null, write)
					: { rows: [], warnings: [] };
			return outcomesFromServer(reading, sent, answer);
		}
	};
}
