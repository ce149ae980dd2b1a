import { AppDatabase } from '../database';

let counter = 0;

/** A new, empty database with a unique name (fake-indexeddb in unit tests). */
export function freshDatabase(prefix = 'test'): AppDatabase {
	counter += 1;
	return new AppDatabase(`${prefix}-${counter}-${Math.random().toString(36).slice(2)}`);
}
