import { serve as serveBuild } from '../../scripts/lib/server.mjs';

export type Server = Awaited<ReturnType<typeof serveBuild>>;

/** A copy of the production build on its own port, so a test may stop it or change its files. */
export function serve(buildDir: string): Promise<Server> {
	return serveBuild(buildDir, { copy: true });
}
