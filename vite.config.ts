import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import { readFileSync } from 'node:fs';

// An empty NODE_ENV in the environment (seen on these machines) makes Vite build the Svelte
// components in dev mode: larger, with file names and locations inside. Treat empty as unset.
if (process.env.NODE_ENV === '') delete process.env.NODE_ENV;

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(pkg.version) },
	// PUBLIC_SUPABASE_URL / PUBLIC_SUPABASE_ANON_KEY reach the app as import.meta.env at build time;
	// with neither set the app is in guest mode (src/lib/supabase/config.ts).
	envPrefix: ['VITE_', 'PUBLIC_'],
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// Prompt, never auto-reload: a teacher mid-form decides when the new version takes over.
			registerType: 'prompt',
			injectRegister: false,
			strategies: 'generateSW',
			manifestFilename: 'manifest.webmanifest',
			kit: {
				// The shell is precached as '/', and every navigation falls back to it (deep links offline).
				spa: { fallbackMapping: '/' },
				adapterFallback: 'index.html',
				// Precached so that offline navigation does not log failed version checks.
				includeVersionFile: true
			},
			manifest: {
				id: '/',
				name: 'Траектория — профессиональный рост педагога',
				short_name: 'Траектория',
				description:
					'Самооценка, профессиональные дефициты, ИОМ, наставничество и мониторинг роста педагогов — работает без интернета.',
				lang: 'ru',
				dir: 'ltr',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				background_color: '#f5f7fa',
				theme_color: '#1f4e79',
				categories: ['education', 'productivity'],
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}'],
				navigateFallback: '/',
				// Nothing outside the app is a navigation the shell should answer (e.g. a future /auth callback on another origin).
				navigateFallbackDenylist: [/^\/_app\//, /\.[a-z0-9]+$/i],
				cleanupOutdatedCaches: true
			},
			devOptions: { enabled: false }
		})
	]
});
