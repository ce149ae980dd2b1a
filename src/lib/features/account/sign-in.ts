import type { MessageKey } from '$lib/i18n/catalog';
import type { AuthProblem } from '$lib/supabase/auth';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The e-mail field's complaint, if any. */
export function emailIssue(email: string): MessageKey | null {
	if (!email.trim()) return 'account.emailRequired';
	return EMAIL.test(email.trim()) ? null : 'account.emailInvalid';
}

export function passwordIssue(password: string): MessageKey | null {
	return password ? null : 'account.passwordRequired';
}

/** Which field a refusal belongs next to; the rest are said above the button. */
export function placeOf(problem: AuthProblem): 'email' | 'password' | 'form' {
	if (problem === 'invalid_credentials') return 'password';
	if (problem === 'not_invited' || problem === 'email_not_confirmed') return 'email';
	return 'form';
}

export function problemMessage(problem: AuthProblem): MessageKey {
	return `account.problem.${problem}`;
}
