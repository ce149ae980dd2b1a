import type { Id, IsoDateTime } from '$lib/domain/common';
import type { Role } from '$lib/domain/membership';
import { loadClient, signInWithOtp } from './auth';

/**
 * The people screens' calls to the server (migration 20261207000800): invitations waiting for a
 * sign-up, withdrawing one, moving a teacher between schools, and the audit log. Online only —
 * none of it is on the device (the log is server-only; a municipal methodist's device holds no
 * profiles of its schools).
 */

/** Why a call failed, for the screen to say what happened and what to do. */
export type AdminProblem = 'offline' | 'forbidden' | 'rejected' | 'rate_limited';

export class AdminCallError extends Error {
	readonly problem: AdminProblem;
	constructor(problem: AdminProblem, message: string) {
		super(message);
		this.name = 'AdminCallError';
		this.problem = problem;
	}
}

export interface PendingInvitation {
	profileId: Id;
	fullName: string;
	email: string;
	/** Null: a profile with no live membership (the administrator sees those too). */
	organizationId: Id | null;
	organizationName: string | null;
	role: Role | null;
	invitedAt: IsoDateTime;
}

export const AUDIT_ACTIONS = ['grant', 'change', 'end', 'invite', 'withdraw', 'move', 'erase'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
	id: number;
	at: IsoDateTime;
	action: AuditAction;
	/** Null: a migration, the bootstrap script or the service role. */
	actorName: string | null;
	personName: string | null;
	personEmail: string | null;
	organizationName: string | null;
	role: Role | null;
	oldOrganizationName: string | null;
	oldRole: Role | null;
}

interface RpcAnswer {
	data: unknown;
	error: { code?: string; message?: string } | null;
}

/** Call an RPC and map its failure to a problem (as supabase/staff-import.ts does). */
async function call(name: string, args: Record<string, unknown>): Promise<unknown> {
	let answer: RpcAnswer;
	try {
		const client = await loadClient();
		answer = (await client.rpc(name, args)) as RpcAnswer;
	} catch (error) {
		throw new AdminCallError('offline', String(error));
	}
	const { data, error } = answer;
	if (error) {
		// supabase-js reports a failed fetch as an error without a SQLSTATE.
		if (!error.code || /failed to fetch|networkerror|load failed/i.test(error.message ?? ''))
			throw new AdminCallError('offline', error.message ?? '');
		throw new AdminCallError(error.code === '42501' ? 'forbidden' : 'rejected', error.message ?? error.code);
	}
	return data;
}

type Row = Record<string, unknown>;
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export async function pendingInvitations(): Promise<PendingInvitation[]> {
	const data = ((await call('pending_invitations', {})) ?? []) as Row[];
	return data.map((r) => ({
		profileId: String(r.profile_id),
		fullName: String(r.full_name ?? ''),
		email: String(r.email ?? ''),
		organizationId: text(r.organization_id),
		organizationName: text(r.organization_name),
		role: text(r.role) as Role | null,
		invitedAt: String(r.invited_at)
	}));
}

/** The person's profile and memberships become tombstones on the server; 'rejected' once they have signed up. */
export async function withdrawInvitation(profileId: Id): Promise<void> {
	await call('withdraw_invitation', { p_profile: profileId });
}

/**
 * Send the sign-in link again: the same e-mail a first sign-in link sends. The sign-up trigger
 * lets an invited address create its account (auth.ts signInWithOtp, shouldCreateUser true).
 */
export async function resendInvitation(email: string, redirectTo: string): Promise<void> {
	const result = await signInWithOtp(email, redirectTo);
	if (!result.ok)
		throw new AdminCallError(
			result.problem === 'offline' || result.problem === 'rate_limited' ? result.problem : 'rejected',
			`${result.problem}: ${result.message}`
		);
}

/** Her profile's school becomes `schoolId`; teacher and mentor roles move with her; her records keep her id. */
export async function moveTeacher(profileId: Id, schoolId: Id): Promise<void> {
	await call('move_teacher', { p_profile: profileId, p_school: schoolId });
}

/** A page of the audit log, newest first: entries with ids below `before` (all when null). */
export async function auditLogPage(before: number | null, limit = 50): Promise<AuditEntry[]> {
	const data = ((await call('audit_log_page', { p_before: before, p_limit: limit })) ?? []) as Row[];
	return data.map((r) => ({
		id: Number(r.id),
		at: String(r.at),
		action: String(r.action) as AuditAction,
		actorName: text(r.actor_name),
		personName: text(r.person_name),
		personEmail: text(r.person_email),
		organizationName: text(r.organization_name),
		role: text(r.role) as Role | null,
		oldOrganizationName: text(r.old_organization_name),
		oldRole: text(r.old_role) as Role | null
	}));
}
