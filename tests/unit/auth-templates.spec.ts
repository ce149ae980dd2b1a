import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The auth e-mails are Russian, carry their link, and say the same in both places they are
 * configured: supabase/config.toml (local development, read by the Supabase CLI) and
 * docs/self-hosting.md (GOTRUE_MAILER_* of the self-hosted stack). The pinned CLI itself refuses a
 * content_path that does not exist (tests/db/supabase-cli.db.ts runs it on this config).
 */
const KINDS = ['invite', 'confirmation', 'magic_link', 'recovery', 'email_change'] as const;

/** GoTrue's template data (Supabase's "Email Templates"); NewEmail only in the change of address. */
const VARIABLES = new Set(['ConfirmationURL', 'Token', 'TokenHash', 'SiteURL', 'Email', 'RedirectTo', 'Data']);

interface Template {
	subject: string;
	contentPath: string;
}

function configTemplates(): Map<string, Template> {
	const config = readFileSync('supabase/config.toml', 'utf8');
	const found = new Map<string, Template>();
	for (const m of config.matchAll(/^\[auth\.email\.template\.([a-z_]+)\]\n((?:(?!\[).*\n?)*)/gm)) {
		const keys = Object.fromEntries([...m[2]!.matchAll(/^(\w+)\s*=\s*"([^"]*)"\s*$/gm)].map((k) => [k[1], k[2]]));
		found.set(m[1]!, { subject: keys.subject ?? '', contentPath: keys.content_path ?? '' });
	}
	return found;
}

/** The text a reader sees: no tags, no template actions. */
function visibleText(html: string): string {
	return html
		.replace(/<head>[\s\S]*?<\/head>/, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\{\{[^}]*\}\}/g, ' ');
}

const cyrillicShare = (text: string) => {
	const letters = text.match(/\p{L}/gu) ?? [];
	return letters.filter((c) => /\p{Script=Cyrillic}/u.test(c)).length / letters.length;
};

describe('auth e-mail templates', () => {
	const templates = configTemplates();

	it('are configured for every e-mail GoTrue sends at sign-in, with a file that exists', () => {
		expect([...templates.keys()].sort()).toEqual([...KINDS].sort());
		for (const [kind, t] of templates) {
			expect(t.contentPath, kind).toBe(`./supabase/templates/${kind}.html`);
			expect(existsSync(t.contentPath.slice(2)), t.contentPath).toBe(true);
		}
	});

	it.each(KINDS)(
		'%s: Russian subject and text naming «Траектория», with the link and only GoTrue’s variables',
		(kind) => {
			const t = templates.get(kind)!;
			const html = readFileSync(t.contentPath.slice(2), 'utf8');
			expect(t.subject).toMatch(/«Траектори[яиюе]»/);
			expect(cyrillicShare(t.subject)).toBe(1);
			expect(html).toMatch(/<html lang="ru">/);
			expect(html).toContain('<a href="{{ .ConfirmationURL }}"');
			expect(html).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
			const text = visibleText(html);
			expect(text).toMatch(/«Траектори[яиюе]»/);
			expect(cyrillicShare(text)).toBeGreaterThan(0.97);
			const used = [...html.matchAll(/\{\{\s*\.(\w+)\s*\}\}/g)].map((m) => m[1]!);
			const allowed = kind === 'email_change' ? new Set([...VARIABLES, 'NewEmail']) : VARIABLES;
			expect(used.filter((v) => !allowed.has(v))).toEqual([]);
			// Every action is a plain variable: nothing GoTrue's Go template parser could trip over.
			expect(html.match(/\{\{/g)?.length).toBe(used.length);
			expect(html.match(/\}\}/g)?.length).toBe(used.length);
		}
	);

	it('are listed in docs/self-hosting.md with the same subjects for the self-hosted stack', () => {
		const guide = readFileSync('docs/self-hosting.md', 'utf8');
		for (const kind of KINDS) {
			const t = templates.get(kind)!;
			const env = kind.toUpperCase();
			expect(guide).toContain(`GOTRUE_MAILER_TEMPLATES_${env}: http://templates-server/${kind}.html`);
			expect(guide).toContain(`GOTRUE_MAILER_SUBJECTS_${env}: ${t.subject}\n`);
			expect(guide).toContain(`(../supabase/templates/${kind}.html) | ${t.subject} |`);
		}
	});
});
