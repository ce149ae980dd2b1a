import type { AuthChangeEvent, SupabaseClient } from '@supabase/supabase-js';
import type { Id } from '$lib/domain/common';
import { AUTH_STORAGE_KEY, SUPABASE_ANON_KEY, SUPABASE_URL } from './config';

let client: Promise<SupabaseClient> | null = null;

/**
 * The one supabase-js client, created on first use. supabase-js is a chunk of its own: guests never
 * download it, and signed-in users fetch it after the first screen is up.
 */
export function loadClient(): Promise<SupabaseClient> {
	client ??= import('@supabase/supabase-js').then(({ createClient }) =>
		createClient(SUPABASE_URL, SUPABASE_ANON_KEY, {
			auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: true, storageKey: AUTH_STORAGE_KEY }
		})
	);
	return client;
}

/** Why signing in failed, for the sign-in form to say in words next to the right field. */
export type AuthProblem =
	'invalid_credentials' | 'not_invited' | 'offline' | 'email_not_confirmed' | 'rate_limited' | 'unknown';

export type AuthResult<T> = { ok: true; value: T } | { ok: false; problem: AuthProblem; message: string };

interface ErrorLike {
	name?: string;
	message?: string;
	status?: number;
	code?: string;
}

/**
 * Map a supabase-js auth error to a reason. Network failures arrive as AuthRetryableFetchError
 * (status 0); an e-mail nobody invited is refused by the server as a disabled sign-up.
 */
export function problemOf(error: unknown): AuthProblem {
	const e = (error ?? {}) as ErrorLike;
	const code = e.code ?? '';
	const message = (e.message ?? '').toLowerCase();
	if (
		e.name === 'AuthRetryableFetchError' ||
		e.status === 0 ||
		/failed to fetch|networkerror|load failed|network request failed/.test(message)
	)
		return 'offline';
	if (code === 'invalid_credentials' || /invalid login credentials/.test(message)) return 'invalid_credentials';
	if (code === 'email_not_confirmed') return 'email_not_confirmed';
	if (
		code === 'signup_disabled' ||
		code === 'otp_disabled' ||
		code === 'user_not_found' ||
		/signups? not allowed|not invited|not allowed for otp/.test(message)
	)
		return 'not_invited';
	// The invitation trigger on auth.users refuses an address with no profile; GoTrue reports any
	// failed insert of a new user as a 500 "Database error saving new user" (sign-in links create
	// the account on first use, so this is what an uninvited address gets).
	if (/database error saving new user/.test(message)) return 'not_invited';
	if (code === 'over_request_rate_limit' || code === 'over_email_send_rate_limit' || e.status === 429)
		return 'rate_limited';
	return 'unknown';
}

function failure<T>(error: unknown): AuthResult<T> {
	return { ok: false, problem: problemOf(error), message: (error as ErrorLike | null)?.message ?? String(error) };
}

async function attempt<T>(work: (client: SupabaseClient) => Promise<T>): Promise<AuthResult<T>> {
	try {
		return { ok: true, value: await work(await loadClient()) };
	} catch (error) {
		return failure(error);
	}
}

/** Returns the signed-in auth user's id. */
export function signInWithPassword(email: string, password: string): Promise<AuthResult<Id>> {
	return attempt(async (client) => {
		const { data, error } = await client.auth.signInWithPassword({ email, password });
		if (error) throw error;
		return data.user.id;
	});
}

/**
 * Send a sign-in link. `shouldCreateUser` is true because an invited person has a profile but no
 * account yet; the server refuses addresses nobody invited.
 */
export function signInWithOtp(email: string, redirectTo: string): Promise<AuthResult<null>> {
	return attempt(async (client) => {
		const { error } = await client.auth.signInWithOtp({
			email,
			options: { shouldCreateUser: true, emailRedirectTo: redirectTo }
		});
		if (error) throw error;
		return null;
	});
}

/**
 * Forget the session on this device. Local scope: it works offline, and signing out of a shared
 * school PC must not sign the person out of their phone.
 */
export async function signOut(): Promise<void> {
	const client = await loadClient();
	await client.auth.signOut({ scope: 'local' });
}

/** The auth user id of the session kept on this device, if any (no network needed). */
export async function currentUserId(): Promise<Id | null> {
	const client = await loadClient();
	const { data } = await client.auth.getSession();
	return data.session?.user.id ?? null;
}

export async function onAuthStateChange(
	listener: (event: AuthChangeEvent, userId: Id | null) => void
): Promise<() => void> {
	const client = await loadClient();
	const { data } = client.auth.onAuthStateChange((event, session) => listener(event, session?.user.id ?? null));
	return () => data.subscription.unsubscribe();
}

/** A fresh access token after the server said the old one expired; false when that is impossible now. */
export async function refreshSession(): Promise<boolean> {
	try {
		const client = await loadClient();
		const { data, error } = await client.auth.refreshSession();
		return !error && !!data.session;
	} catch {
		return false;
	}
}
