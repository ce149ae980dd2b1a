import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { AppDatabase, CURRENT_SCHEMA_VERSION, declareVersions } from './database';
import { openEarly, readMeta, SCHEMA_VERSION, type EarlyReader } from './early';
import { earlyHomeDb } from './teacher-home';
import { earlyOverviewDb } from './school-overview';
import * as meta from './meta';
import * as demo from './demo';
import { load as loadHome } from '$lib/features/teacher/home';
import { load as loadOverview } from '$lib/features/school/overview';
import { earlyMunicipalityDb, municipalityOf } from '$lib/features/municipality/overview';
import { guestPersona } from '$lib/session/persona';
import { generateDemoSchool } from '$lib/demo/generate';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';

let n = 0;
const names: string[] = [];
const readers: EarlyReader[] = [];
function name(): string {
	n += 1;
	const value = `early-${n}`;
	names.push(value);
	return value;
}
afterEach(async () => {
	for (const reader of readers.splice(0)) reader.close();
	for (const value of names.splice(0)) await Dexie.delete(value);
});

async function exists(value: string): Promise<boolean> {
	return (await indexedDB.databases()).some((d) => d.name === value);
}

describe('opening the database before Dexie (the first screen)', () => {
	it('repeats the schema version database.ts declares', () => {
		expect(SCHEMA_VERSION).toBe(CURRENT_SCHEMA_VERSION);
	});

	it('reports a device with no database as absent, and creates none', async () => {
		const value = name();
		expect(await openEarly(value)).toEqual({ kind: 'absent' });
		expect(await exists(value)).toBe(false);
		// Dexie then creates it as on any first start.
		const db = new AppDatabase(value);
		await db.open();
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		db.close();
	});

	it('leaves a database with an older schema to Dexie, which upgrades it', async () => {
		const value = name();
		const old = new Dexie(value);
		declareVersions(old, CURRENT_SCHEMA_VERSION - 1);
		await old.open();
		old.close();
		expect((await openEarly(value)).kind).toBe('unusable');
		const db = new AppDatabase(value);
		await db.open();
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		db.close();
	});

	it('reads the teacher’s home exactly as Dexie does, and the guest’s profile from meta', async () => {
		const value = name();
		const db = new AppDatabase(value);
		await db.open();
		const dataset = generateDemoSchool({ framework: DEFAULT_FRAMEWORK, now: '2026-12-07T09:00:00.000Z' });
		await demo.load(db, dataset);
		await meta.set(db, meta.GUEST_PROFILE, dataset.guestProfileId);
		const viaDexie = await loadHome(db, dataset.guestProfileId, '2026-12-07');
		db.close();

		const early = await openEarly(value);
		if (early.kind !== 'open') throw new Error(`expected an open reader, got ${early.kind}`);
		readers.push(early.reader);
		expect(await readMeta(early.reader, meta.GUEST_PROFILE)).toBe(dataset.guestProfileId);
		const viaReader = await loadHome(earlyHomeDb(early.reader), dataset.guestProfileId, '2026-12-07');
		expect(viaDexie).not.toBeNull();
		expect(viaReader).toEqual(viaDexie);
		// The demo teacher has answers, deficits and a plan: the comparison covers every query.
		expect(viaReader!.submitted.length + (viaReader!.draft ? 1 : 0)).toBeGreaterThan(0);
		expect(viaReader!.plan?.actions.length).toBeGreaterThan(0);
	});

	it('reads the school methodist’s dashboard and whom the guest acts as there exactly as Dexie does', async () => {
		const value = name();
		const db = new AppDatabase(value);
		await db.open();
		const dataset = generateDemoSchool({ framework: DEFAULT_FRAMEWORK, now: '2026-12-07T09:00:00.000Z' });
		await demo.load(db, dataset);
		const persona = await guestPersona(db, dataset.guestProfileId, 'school_methodist');
		const schoolId = (await db.profiles.get(persona!))!.schoolId!;
		const viaDexie = await loadOverview(db, schoolId, '2026-12-07');
		db.close();

		const early = await openEarly(value);
		if (early.kind !== 'open') throw new Error(`expected an open reader, got ${early.kind}`);
		readers.push(early.reader);
		const reader = earlyOverviewDb(early.reader);
		expect(await guestPersona(reader, dataset.guestProfileId, 'school_methodist')).toBe(persona);
		expect(persona).not.toBe(dataset.guestProfileId);
		const viaReader = await loadOverview(reader, schoolId, '2026-12-07');
		expect(viaDexie).not.toBeNull();
		expect(viaReader).toEqual(viaDexie);
		// The demo school has teachers with entry assessments, plans and deficits: every query counts.
		expect(viaReader!.tiles.teachers).toBeGreaterThan(5);
		expect(viaReader!.tiles.entryDone).toBeGreaterThan(0);
		expect(viaReader!.tiles.withPlan + viaReader!.tiles.draftPlans).toBeGreaterThan(0);
		expect(viaReader!.staff.some((s) => s.openDeficits > 0)).toBe(true);
	});

	it('finds the municipal methodist’s municipality exactly as Dexie does', async () => {
		const value = name();
		const db = new AppDatabase(value);
		await db.open();
		const dataset = generateDemoSchool({ framework: DEFAULT_FRAMEWORK, now: '2026-12-07T09:00:00.000Z' });
		await demo.load(db, dataset);
		const persona = await guestPersona(db, dataset.guestProfileId, 'municipal_methodist');
		const viaDexie = await municipalityOf(db, persona);
		db.close();

		const early = await openEarly(value);
		if (early.kind !== 'open') throw new Error(`expected an open reader, got ${early.kind}`);
		readers.push(early.reader);
		const reader = earlyMunicipalityDb(early.reader);
		expect(viaDexie?.kind).toBe('municipality');
		expect(await municipalityOf(reader, persona)).toEqual(viaDexie);
		// Nobody to act as (no municipal methodist): the first municipality, by name, either way.
		expect(await municipalityOf(reader, null)).toEqual(viaDexie);
	});

	it('lets go at once when another tab deletes the database, which is then not blocked', async () => {
		const value = name();
		const db = new AppDatabase(value);
		await db.open();
		db.close();
		const early = await openEarly(value);
		if (early.kind !== 'open') throw new Error(`expected an open reader, got ${early.kind}`);
		readers.push(early.reader);
		let blocked = false;
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.deleteDatabase(value);
			request.onblocked = () => (blocked = true);
			request.onsuccess = () => resolve();
			request.onerror = () => reject(request.error);
		});
		expect(blocked).toBe(false);
		await expect(readMeta(early.reader, meta.GUEST_PROFILE)).rejects.toThrow();
	});
});
