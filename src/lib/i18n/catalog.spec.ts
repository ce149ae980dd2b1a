import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREAS, type Area } from './catalog';

const root = join(import.meta.dirname, '..', '..');

async function keysOf(locale: 'ru' | 'en', area: Area): Promise<Set<string>> {
	const mod = (await import(`./${locale}/${area}.ts`)) as { messages: Record<string, unknown> };
	return new Set(Object.keys(mod.messages));
}

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path);
		return /\.(svelte|ts)$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
	});
}

/** Which parts of the catalogue are loaded where a file's words are shown. */
function areasFor(file: string): Area[] {
	const path = relative(root, file);
	const rules: [RegExp, Area[]][] = [
		[/^routes\/\(app\)\/teacher\/assessment\//, ['teacher', 'assessment']],
		[/^routes\/\(app\)\/teacher\/deficits\//, ['teacher', 'plan']],
		// A completed course becomes an activity from its card, in the portfolio's words.
		[/^routes\/\(app\)\/teacher\/plan\//, ['teacher', 'plan', 'portfolio']],
		[/^routes\/\(app\)\/teacher\/growth\//, ['teacher', 'growth', 'assessment']],
		[/^routes\/\(app\)\/teacher\/observations\//, ['teacher', 'observation', 'assessment', 'mentor']],
		[/^routes\/\(app\)\/teacher\/mentoring\//, ['teacher', 'mentor']],
		[/^routes\/\(app\)\/mentor\/observations\//, ['mentor', 'observation', 'assessment']],
		[/^routes\/\(app\)\/methodist\/people\//, ['school', 'teacher', 'account']],
		[/^routes\/\(app\)\/municipal\/staff-import\//, ['school', 'teacher', 'account']],
		[/^routes\/\(app\)\/admin\/staff-import\//, ['admin', 'account']],
		[/^routes\/\(app\)\/admin\/(people|audit)\//, ['admin']],
		[/^routes\/\(app\)\/admin\/organizations\//, ['admin']],
		[/^routes\/\(app\)\/admin\/frameworks\//, ['admin']],
		// Years and settings name the indicators and their target fields in the school reports' words.
		[/^routes\/\(app\)\/admin\/settings\//, ['admin', 'school']],
		[/^routes\/\(app\)\/municipal\/people\//, ['school', 'teacher', 'admin']],
		[/^routes\/\(app\)\/methodist\/teacher\//, ['school', 'teacher', 'growth', 'assessment', 'observation', 'mentor']],
		[/^routes\/\(app\)\/methodist\/visits\//, ['school', 'teacher', 'observation', 'assessment', 'mentor']],
		[/^routes\/\(app\)\/methodist\/mentoring\//, ['school', 'teacher', 'pairs', 'mentor']],
		// The approval queue and review, and the section's link to the queue (the layout ensures 'plan').
		[/^routes\/\(app\)\/methodist\/approvals\//, ['school', 'teacher', 'plan']],
		[/^routes\/\(app\)\/methodist\/\+layout/, ['school', 'teacher', 'plan']],
		[/^routes\/\(app\)\/teacher\/(profile|activities)\//, ['teacher', 'portfolio']],
		[/^routes\/\(app\)\/teacher\//, ['teacher']],
		[/^lib\/features\/assessment\//, ['assessment']],
		[/^lib\/features\/plan\//, ['plan']],
		[/^lib\/features\/plan-approval\//, ['plan']],
		// The home screens' reminders panel ensures the plan part itself (Reminders.svelte).
		[/^lib\/features\/reminders\//, ['plan']],
		// An evidence photo ensures the account part itself (EvidencePhoto.svelte): it shows on the plan and the mentor's pages.
		[/^lib\/features\/files\//, ['account']],
		[/^lib\/features\/activities\//, ['portfolio']],
		[/^lib\/features\/growth\//, ['growth', 'assessment']],
		[/^lib\/features\/pairs\//, ['pairs', 'mentor']],
		[/^lib\/features\/observation\//, ['observation', 'assessment', 'mentor']],
		[/^routes\/\(app\)\/mentor\//, ['mentor']],
		[/^routes\/\(app\)\/(methodist|municipal)\//, ['school', 'teacher']],
		[/^routes\/\(app\)\/admin\//, ['admin']],
		[/^routes\/\(app\)\/settings\//, ['settings', 'account']],
		[/^routes\/\(app\)\/sync\//, ['account']],
		[/^routes\/signin\//, ['account']],
		[/^lib\/features\/teacher\//, ['teacher']],
		[/^lib\/features\/mentor\//, ['mentor']],
		[/^lib\/features\/(school|municipality|reports)\//, ['school']],
		[/^lib\/features\/settings\//, ['settings']],
		[/^lib\/features\/account\//, ['account']],
		[/^lib\/features\/sync\//, ['account']],
		[/^lib\/features\/admin-people\//, ['admin']],
		[/^lib\/features\/admin-settings\//, ['admin', 'school']],
		// The organisations' components also name kinds and counts in the admin part's words.
		[/^lib\/features\/admin-orgs\//, ['admin']],
		[/^lib\/features\/admin-frameworks\//, ['admin']]
	];
	// The forms part is loaded on every screen once it is up (root layout), never for the first paint:
	// the teacher home, whose first load is budgeted, uses none of its words (checked below).
	return ['shell', 'forms', ...(rules.find(([re]) => re.test(path))?.[1] ?? [])];
}

describe('the message catalogue', () => {
	it('has the same keys in English as in Russian, part by part', async () => {
		for (const area of AREAS) {
			expect([...(await keysOf('en', area))].sort(), area).toEqual([...(await keysOf('ru', area))].sort());
		}
	});

	it('has no key in two parts', async () => {
		const seen = new Map<string, Area>();
		for (const area of AREAS) {
			for (const key of await keysOf('ru', area)) {
				expect(seen.get(key), `${key} in ${area}`).toBeUndefined();
				seen.set(key, area);
			}
		}
	});

	it('holds every key a screen uses in a part that screen loads', async () => {
		const parts = new Map<Area, Set<string>>();
		for (const area of AREAS) parts.set(area, await keysOf('ru', area));
		const missing: string[] = [];
		for (const file of files(root)) {
			const text = readFileSync(file, 'utf8');
			const loaded = areasFor(file);
			for (const [, key] of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z_.]+)'/g)) {
				if (!loaded.some((a) => parts.get(a)!.has(key!))) missing.push(`${relative(root, file)}: ${key}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('holds the words a screen picks by value (t(`actionType.${type}`)) in a part that screen loads', async () => {
		const parts = new Map<Area, Set<string>>();
		for (const area of AREAS) parts.set(area, await keysOf('ru', area));
		const missing: string[] = [];
		let seen = 0;
		for (const file of files(root)) {
			const loaded = areasFor(file);
			for (const [, prefix] of readFileSync(file, 'utf8').matchAll(/\bt\(\s*`([a-zA-Z]+(?:\.[a-zA-Z_]+)*)\.\$\{/g)) {
				seen++;
				if (!loaded.some((a) => [...parts.get(a)!].some((key) => key.startsWith(`${prefix}.`))))
					missing.push(`${relative(root, file)}: ${prefix}.*`);
			}
		}
		expect(seen).toBeGreaterThan(20);
		expect(missing).toEqual([]);
	});

	it('keeps the words of the first screen out of the forms part, which arrives after it', async () => {
		const forms = await keysOf('ru', 'forms');
		const firstScreen = files(root).filter((f) =>
			/^(routes\/\+layout\.svelte|routes\/\(app\)\/teacher\/\+page\.svelte|lib\/features\/(shell|teacher)\/)/.test(
				relative(root, f)
			)
		);
		expect(firstScreen.length).toBeGreaterThan(3);
		const used = firstScreen.flatMap((f) =>
			[...readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z_.]+)'/g)].map(
				(m) => `${relative(root, f)}: ${m[1]}`
			)
		);
		expect(used.length).toBeGreaterThan(10);
		expect(used.filter((u) => forms.has(u.split(': ')[1]!))).toEqual([]);
	});
});
