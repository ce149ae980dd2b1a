import type { Id } from '$lib/domain/common';
import { loadClient } from './auth';

/** Why the school's switch was not saved, for the screen to say what to do. */
export type SwitchProblem = 'offline' | 'forbidden' | 'rejected';

export class SwitchError extends Error {
	readonly problem: SwitchProblem;
	constructor(problem: SwitchProblem, message: string) {
		super(message);
		this.name = 'SwitchError';
		this.problem = problem;
	}
}

/**
 * Whether the school's mentors approve their mentees' plans (organizations.mentors_approve_plans,
 * migration 20261207000900). Organisations are the administrator's to write through sync; this one
 * column is the school methodist's, through an RPC, so it is online only. Devices learn the new
 * value with their next pull.
 */
export async function setMentorsApprovePlans(schoolId: Id, allowed: boolean): Promise<void> {
	let answer: { error: { code?: string; message?: string } | null };
	try {
		const client = await loadClient();
		answer = await client.rpc('set_mentors_approve_plans', { p_school: schoolId, p_allowed: allowed });
	} catch (error) {
		throw new SwitchError('offline', String(error));
	}
	const { error } = answer;
	if (!error) return;
	if (!error.code || /failed to fetch|networkerror|load failed/i.test(error.message ?? ''))
		throw new SwitchError('offline', error.message ?? '');
	throw new SwitchError(error.code === '42501' ? 'forbidden' : 'rejected', error.message ?? error.code);
}
