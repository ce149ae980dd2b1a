import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README is a newcomer's door: every link and image in it and in docs/ must open inside the
 * repository (a link to the team's shared notes outside it, or to a renamed file, dead-ends).
 */
const FILES = [
	'README.md',
	...readdirSync('docs')
		.filter((f) => f.endsWith('.md'))
		.map((f) => join('docs', f))
];

function localTargets(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
		.map((m) => m[1] ?? '')
		.filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
		.map((target) => join(dirname(file), decodeURIComponent(target.split('#')[0] ?? '')));
}

describe('documentation links', () => {
	it.each(FILES)('%s links only to files that exist in the repository', (file) => {
		const missing = localTargets(file).filter((target) => !existsSync(target));
		expect(missing).toEqual([]);
	});

	it('the README reaches the design notes a contributor needs', () => {
		const targets = localTargets('README.md');
		for (const doc of ['docs/domain.md', 'docs/architecture.md', 'docs/sync-protocol.md', 'LICENSE'])
			expect(targets).toContain(doc);
	});
});
