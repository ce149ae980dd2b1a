// The backend settings the app reads at build time (see config.ts).
interface ImportMetaEnv {
	readonly PUBLIC_SUPABASE_URL?: string;
	readonly PUBLIC_SUPABASE_ANON_KEY?: string;
}
