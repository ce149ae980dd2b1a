import type { IsoDate } from '$lib/domain/common';
import type { PlacedRow, ServerLine } from '$lib/domain/staff-import';
import { loadClient } from './auth';

/**
 * The municipal staff import on the server (public.staff_import, migration 20261207000400): a
 * municipal methodist's device holds no teacher profiles, so the rows the person confirmed are
 * matched and written there. The answer says per line what happened and names no one.
 */

export interface Answer {
	rows: ServerLine[];
	warnings: number[];
}

/** Why the server's import failed, for the screen to say what to do. */
export class StaffImportError extends Error {
	readonly reason: 'offline' | 'forbidden' | 'rejected';
	constructor(reason: StaffImportError['reason'], message: string) {
		super(message);
		this.reason = reason;
	}
}

/** A placed row in the server's terms (snake_case, as the profiles table). */
export function toServer(row: PlacedRow): Record<string, unknown> {
	return {
		line: row.line,
		school_id: row.schoolId,
		full_name: row.fullName,
		birth_date: row.birthDate,
		experience_years: row.experienceYears,
		education: row.education,
		category: row.category,
		category_expires_on: row.categoryExpiresOn,
		subjects: row.subjects,
		email: row.email
	};
}

/**
 * Ask the server what importing `rows` would do (`write` false) or do it (`write` true). `asOf`
 * is the date the file's стаж is true on. Throws StaffImportError.
 */
export async function run(rows: readonly PlacedRow[], asOf: IsoDate | null, write: boolean): Promise<Answer> {
	const client = await loadClient();
	let answer;
	try {
		answer = await client.rpc('staff_import', { p_rows: rows.map(toServer), p_as_of: asOf, p_write: write });
	} catch (error) {
		throw new StaffImportError('offline', String(error));
	}
	const { data, error } = answer;
	if (error) {
		const e = error as { code?: string; message?: string };
		// supabase-js reports a failed fetch as an error without a SQLSTATE.
		if (!e.code || /failed to fetch|networkerror|load failed/i.test(e.message ?? ''))
			throw new StaffImportError('offline', e.message ?? '');
		throw new StaffImportError(e.code === '42501' ? 'forbidden' : 'rejected', e.message ?? e.code);
	}
	return data as Answer;
}
