/**
 * The app talks to Supabase only when both the URL and the anon key are set (config.ts); one
 * without the other silently builds guest mode. The build says so (vite.config.ts).
 */
export function backendWarning(env: Record<string, string | undefined>): string | null {
	const url = env.PUBLIC_SUPABASE_URL?.trim();
	const key = env.PUBLIC_SUPABASE_ANON_KEY?.trim();
	if (url && !key)
		return `PUBLIC_SUPABASE_URL is set (${url}) but PUBLIC_SUPABASE_ANON_KEY is empty: this build runs in guest mode (no sign-in, no sync). Set the key (\`npx supabase status\` prints it) or leave both empty.`;
	if (key && !url)
		return 'PUBLIC_SUPABASE_ANON_KEY is set but PUBLIC_SUPABASE_URL is empty: this build runs in guest mode (no sign-in, no sync).';
	return null;
}
