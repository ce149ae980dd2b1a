// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { AppDatabase, CURRENT_SCHEMA_VERSION, GUEST_DATABASE, declareVersions } from '$lib/db/database';
import * as meta from '$lib/db/meta';
import { buildMembership, buildOrganization, buildProfile, uuid } from '$lib/domain/testing/builders';
import { Session } from './session.svelte';

afterEach(async () => {
	await Dexie.delete(GUEST_DATABASE);
	localStorage.clear();
});

const school = buildOrganization({ id: uuid(9302), kind: 'school', name: 'МБОУ СОШ № 7', parentId: null });
const teacher = buildProfile({ id: uuid(9311), userId: null, fullName: 'Смирнова Анна Игоревна', schoolId: school.id });
const methodist = buildProfile({
	id: uuid(9312),
	userId: null,
	fullName: 'Лебедева Ирина Сергеевна',
	schoolId: school.id
});

describe('a guest switching roles', () => {
	it('writes as the school’s methodist in the methodist’s role, and as herself again as a teacher', async () => {
		const seed = new AppDatabase(GUEST_DATABASE);
		await seed.open();
		await seed.organizations.put(school);
		await seed.profiles.bulkPut([teacher, methodist]);
		await seed.memberships.put(
			buildMembership({ id: uuid(9321), profileId: methodist.id, organizationId: school.id, role: 'school_methodist' })
		);
		await meta.set(seed, meta.GUEST_PROFILE, teacher.id);
		seed.close();

		const session = new Session();
		await session.open(GUEST_DATABASE);
		expect(session.profileId).toBe(teacher.id);
		await session.setRole('school_methodist');
		expect(session.profileId).toBe(methodist.id);
		expect(session.actor).toEqual({ profileId: methodist.id });
		await session.setRole('teacher');
		expect(session.profileId).toBe(teacher.id);
		session.db?.close();
	});

	it('never acts as the teacher in the methodist’s role, not even while the methodist is looked up, nor when the demo is loaded there', async () => {
		const seed = new AppDatabase(GUEST_DATABASE);
		await seed.open();
		await seed.organizations.put(school);
		await seed.profiles.bulkPut([teacher, methodist]);
		await seed.memberships.put(
			buildMembership({ id: uuid(9321), profileId: methodist.id, organizationId: school.id, role: 'school_methodist' })
		);
		await meta.set(seed, meta.GUEST_PROFILE, teacher.id);
		seed.close();

		const session = new Session();
		await session.open(GUEST_DATABASE);
		// Every (role, person) a screen could see: taken a microtask after each change of either,
		// when the screens' effects run (two fields set in one go are one state).
		const states: string[] = [];
		for (const key of ['role', 'profileId'] as const) {
			const field = Object.getOwnPropertyDescriptor(Session.prototype, key)!;
			Object.defineProperty(session, key, {
				get: field.get,
				set(value: string | null) {
					field.set!.call(this, value);
					queueMicrotask(() => states.push(`${session.role} ${session.profileId}`));
				}
			});
		}
		const setRole = session.setRole('school_methodist');
		// The role does not change before whom she acts as in it is known.
		expect(session.role).toBe('teacher');
		await setRole;
		expect(session.profileId).toBe(methodist.id);
		// Loading the demo (or saving her profile) in the methodist's role: the teacher's id is taken
		// as the guest's, never as the person acting.
		await session.setProfile(teacher.id);
		expect(session.profileId).toBe(methodist.id);
		expect(states).not.toContain(`school_methodist ${teacher.id}`);
		expect(states).toContain(`school_methodist ${methodist.id}`);
		session.db?.close();
	});
});

describe('a guest’s cold start', () => {
	it('paints from the database read natively, as the guest’s teacher, and opens Dexie after', async () => {
		const seed = new AppDatabase(GUEST_DATABASE);
		await seed.open();
		await seed.profiles.put(teacher);
		await meta.set(seed, meta.GUEST_PROFILE, teacher.id);
		seed.close();

		const session = new Session();
		await session.start();
		expect(session.ready).toBe(true);
		expect(session.early).toBe(true);
		expect(session.db).toBeNull();
		expect(session.reader).not.toBeNull();
		expect(session.profileId).toBe(teacher.id);

		const db = await session.database();
		expect(db).toBe(session.db);
		expect(await db!.profiles.get(teacher.id)).toMatchObject({ fullName: teacher.fullName });
		// The early connection is let go once Dexie has the database: nothing holds it twice.
		await expect(meta.get(db!, meta.GUEST_PROFILE)).resolves.toBe(teacher.id);
		db!.close();
	});

	async function seedMethodistSchool(): Promise<void> {
		const seed = new AppDatabase(GUEST_DATABASE);
		await seed.open();
		await seed.organizations.put(school);
		await seed.profiles.bulkPut([teacher, methodist]);
		await seed.memberships.put(
			buildMembership({ id: uuid(9322), profileId: methodist.id, organizationId: school.id, role: 'school_methodist' })
		);
		await meta.set(seed, meta.GUEST_PROFILE, teacher.id);
		seed.close();
	}

	/** Every value the session's acting profile takes, to see the moments between. */
	function recordActing(session: Session): (string | null)[] {
		const seen: (string | null)[] = [];
		const field = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(session), 'profileId')!;
		Object.defineProperty(session, 'profileId', {
			get: field.get,
			set(value: string | null) {
				seen.push(value);
				field.set!.call(this, value);
			}
		});
		return seen;
	}

	it('acts as the methodist from the first render when the saved role is hers, before Dexie opens and after', async () => {
		await seedMethodistSchool();
		localStorage.setItem('trajectory.role', 'school_methodist');
		const session = new Session();
		const seen = recordActing(session);
		await session.start();
		expect(session.db).toBeNull();
		// Read natively (her dashboard paints before Dexie), and never the teacher's id in the
		// methodist's role, not even for a moment: a screen shown then would write in her name.
		expect(session.profileId).toBe(methodist.id);
		await session.attach();
		expect(session.profileId).toBe(methodist.id);
		expect(seen).not.toContain(teacher.id);
		session.db?.close();
	});

	it('opened on the methodist’s home with the teacher’s role saved, acts as the methodist from the first render', async () => {
		await seedMethodistSchool();
		localStorage.setItem('trajectory.role', 'teacher');
		// A page load of its own: prepare() runs once per load.
		vi.resetModules();
		const { Session: Loaded } = await import('./session.svelte');
		await Loaded.prepare('/(app)/methodist');
		const session = new Loaded();
		const seen = recordActing(session);
		await session.start();
		expect(session.db).toBeNull();
		expect(session.role).toBe('school_methodist');
		expect(session.profileId).toBe(methodist.id);
		// As the section's RoleGate would have saved it: `/` opens this home next time.
		expect(localStorage.getItem('trajectory.role')).toBe('school_methodist');
		await session.attach();
		expect(session.profileId).toBe(methodist.id);
		expect(seen).not.toContain(teacher.id);
		session.db?.close();
	});

	it('opened on the methodist’s home of a database due for an upgrade, acts as the methodist once Dexie has upgraded it', async () => {
		// The methodist's school under an older schema: the early reader cannot read it, Dexie opens
		// (and upgrades) it first.
		const old = new Dexie(GUEST_DATABASE);
		declareVersions(old, CURRENT_SCHEMA_VERSION - 1);
		await old.open();
		await old.table('organizations').put(school);
		await old.table('profiles').bulkPut([teacher, methodist]);
		await old.table('memberships').put(
			buildMembership({
				id: uuid(9322),
				profileId: methodist.id,
				organizationId: school.id,
				role: 'school_methodist'
			})
		);
		await old.table('meta').put({ key: meta.GUEST_PROFILE, value: teacher.id });
		old.close();
		localStorage.setItem('trajectory.role', 'teacher');
		vi.resetModules();
		const { Session: Loaded } = await import('./session.svelte');
		expect(await Loaded.prepare('/(app)/methodist')).toBeNull();
		const session = new Loaded();
		const seen = recordActing(session);
		await session.start();
		expect(session.db?.verno).toBe(CURRENT_SCHEMA_VERSION);
		expect(session.role).toBe('school_methodist');
		expect(session.profileId).toBe(methodist.id);
		expect(localStorage.getItem('trajectory.role')).toBe('school_methodist');
		expect(seen).not.toContain(teacher.id);
		session.db?.close();
	});

	it('paints the empty first screen on a new device without creating anything, then Dexie creates the database', async () => {
		const session = new Session();
		await session.start();
		expect(session.early).toBe(true);
		expect(session.reader).toBeNull();
		expect(session.profileId).toBeNull();
		expect((await indexedDB.databases()).some((d) => d.name === GUEST_DATABASE)).toBe(false);
		const db = await session.database();
		expect(db?.verno).toBeGreaterThan(0);
		db?.close();
	});

	it('lets Dexie open the database first when its schema must be upgraded', async () => {
		const old = new Dexie(GUEST_DATABASE);
		declareVersions(old, CURRENT_SCHEMA_VERSION - 1);
		await old.open();
		old.close();

		const session = new Session();
		await session.start();
		expect(session.early).toBe(false);
		expect(session.db?.verno).toBe(CURRENT_SCHEMA_VERSION);
		session.db?.close();
	});
});
