// The unit layer builds components without SvelteKit's plugin, so `$app/paths` is this stand-in
// (vitest.config.ts). It resolves as the app does with no paths.base: route groups drop out,
// [params] are filled in, and a missing parameter throws, as SvelteKit's own resolve() does.
export function resolve(route: string, params: Record<string, string | undefined> = {}): string {
	const segments = route
		.slice(1)
		.split('/')
		.filter((segment) => segment !== '' && !/^\([^)]+\)$/.test(segment))
		.map((segment) =>
			segment.replace(/\[(\w+)\]/g, (_, name: string) => {
				const value = params[name];
				if (!value) throw new Error(`Missing parameter '${name}' in route ${route}`);
				return value;
			})
		);
	return `/${segments.join('/')}`;
}
