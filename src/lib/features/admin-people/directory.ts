import type { AppDatabase } from '$lib/db/database';
import * as rows from '$lib/db/rows';
import type { Id } from '$lib/domain/common';
import type { Organization } from '$lib/domain/organization';
import { PeopleIndex, type Person } from './search';

/**
 * Everyone and every organisation on the administrator's device (which holds the whole
 * deployment), read once per change. A class for the same reason as PeopleIndex: reactive state
 * leaves it unproxied.
 */
export class Directory {
	readonly index: PeopleIndex;
	readonly organizations: readonly Organization[];
	readonly #people: ReadonlyMap<Id, Person>;
	readonly #orgs: ReadonlyMap<Id, Organization>;

	constructor(people: readonly Person[], organizations: readonly Organization[]) {
		this.index = new PeopleIndex(people);
		this.organizations = organizations;
		this.#people = new Map(people.map((p) => [p.id, p]));
		this.#orgs = new Map(organizations.map((o) => [o.id, o]));
	}

	person(id: Id): Person | undefined {
		return this.#people.get(id);
	}

	schoolName = (id: Id | null): string | null => (id ? (this.#orgs.get(id)?.name ?? null) : null);
}

export async function load(db: AppDatabase): Promise<Directory> {
	const [people, organizations] = await Promise.all([db.profiles.toArray(), db.organizations.toArray()]);
	return new Directory(rows.alive(people), rows.alive(organizations));
}
