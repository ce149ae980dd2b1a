/**
 * Where the backend is. Read at build time (vite `envPrefix` exposes PUBLIC_*); with neither value
 * set the app is in guest mode and supabase-js is never loaded.
 */
export const SUPABASE_URL: string = import.meta.env.PUBLIC_SUPABASE_URL ?? '';
export const SUPABASE_ANON_KEY: string = import.meta.env.PUBLIC_SUPABASE_ANON_KEY ?? '';
export const BACKEND = !!(SUPABASE_URL && SUPABASE_ANON_KEY);

/** supabase-js keeps its session (tokens and user) under this localStorage key. */
export const AUTH_STORAGE_KEY = 'trajectory-auth';

/**
 * The auth user whose database this device opens at start, kept until they sign out: their data
 * never depends on a valid token (offline for days, or a session the server ended). Repeated in
 * session.svelte.ts, which must not import this module.
 */
export const ACCOUNT_KEY = 'trajectory.account';
