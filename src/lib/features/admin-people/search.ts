import type { Profile } from '$lib/domain/profile';

/** What a search compares: lower case, ё as е, single spaces («Алёна  Фёдорова» finds «алена федорова»). */
export function fold(text: string): string {
	return text.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** Results shown at most: a screen of names, never thirty thousand rows. */
export const SHOWN = 50;

export type Person = Pick<Profile, 'id' | 'fullName' | 'email' | 'schoolId' | 'userId'>;

const collator = new Intl.Collator('ru');

/**
 * Every profile of the deployment, searchable by ФИО or e-mail. Built once per change of the
 * profiles (sorted by name, keys folded), so each keystroke is one pass over plain strings.
 * A class, not a plain object: Svelte's `$state` leaves class instances unproxied, and thirty
 * thousand proxied rows would make every pass slow.
 */
export class PeopleIndex {
	readonly #people: readonly Person[];
	readonly #keys: readonly string[];

	constructor(people: readonly Person[]) {
		const sorted = [...people].sort((a, b) => collator.compare(a.fullName, b.fullName));
		this.#people = sorted;
		this.#keys = sorted.map((p) => fold(`${p.fullName} ${p.email ?? ''}`));
	}

	get size(): number {
		return this.#people.length;
	}

	/**
	 * Everyone whose name or e-mail holds every word of the query, by name: the first `limit` and
	 * how many there are in all. An empty query finds no one (the list would be the whole region).
	 */
	find(query: string, limit = SHOWN): { total: number; people: Person[] } {
		const words = fold(query).split(' ').filter(Boolean);
		if (!words.length) return { total: 0, people: [] };
		const people: Person[] = [];
		let total = 0;
		for (let i = 0; i < this.#keys.length; i++) {
			const key = this.#keys[i]!;
			if (!words.every((w) => key.includes(w))) continue;
			total++;
			if (people.length < limit) people.push(this.#people[i]!);
		}
		return { total, people };
	}
}
