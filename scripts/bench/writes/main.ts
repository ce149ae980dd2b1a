// The page scripts/bench/writes.mjs loads in Chromium: the self-assessment's writes through the
// very code the assessment screen runs (AssessmentFlow → $lib/db/assessments → rows/outbox → Dexie),
// on the browser's real IndexedDB, timed with performance.now() around each awaited call.
import { AppDatabase } from '$lib/db/database';
import * as assessments from '$lib/db/assessments';
import * as frameworks from '$lib/db/frameworks';
import { AssessmentFlow } from '$lib/features/assessment/flow.svelte';
import { frameworkIndicatorIds, type Score } from '$lib/domain/framework';
import type { Assessment } from '$lib/domain/assessment';
import type { Deficit } from '$lib/domain/deficit';
import type { OutboxEntry } from '$lib/db/database';
import { countRequests } from '$lib/db/testing/requests';

export interface Options {
	/** Self-assessments filled in and submitted, one teacher each; the first `warmup` are not counted. */
	runs: number;
	warmup: number;
	/** Share of answers scored 0 or 1: each competency with one becomes a proposed deficit. */
	lowShare: number;
	seed: number;
}

export interface Result {
	taps: number[];
	submits: number[];
	deficits: number[];
	indicators: number;
	competencies: number;
	/**
	 * The floor: the same requests in the same rounds with plain IndexedDB on the same database
	 * (no Dexie, no app code), on rows shaped like the app's — what no repository code can beat.
	 */
	floorTaps: number[];
	floorSubmits: number[];
	/** One more tap and submit on a counting copy of the database (not timed). */
	tapCalls: string[];
	tapRounds: number;
	submitCalls: string[];
	submitRounds: number;
}

/** A small seeded generator, so every run scores the same answers. */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function teacherId(n: number): string {
	return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

async function fill(
	db: AppDatabase,
	n: number,
	scoreOf: (indicatorId: string) => Score,
	timeTap: (ms: number) => void
): Promise<AssessmentFlow> {
	const academicYear = 2026;
	const framework = await frameworks.current(db, academicYear);
	const actor = { profileId: teacherId(n) };
	const row = await assessments.startDraft(
		db,
		{ teacherId: actor.profileId, stage: 'entry', academicYear, framework },
		actor
	);
	const errors: unknown[] = [];
	const flow = new AssessmentFlow({ db, id: row.id, actor: () => actor, onError: (e) => errors.push(e) });
	await flow.load();
	for (const id of frameworkIndicatorIds(framework)) {
		const started = performance.now();
		await flow.answer(id, scoreOf(id));
		timeTap(performance.now() - started);
	}
	if (errors.length || !flow.complete) throw new Error(`taps failed: ${String(errors[0])}`);
	return flow;
}

interface Shape {
	assessment: Assessment;
	deficits: Deficit[];
	entries: OutboxEntry[];
}

function done(request: IDBRequest): Promise<unknown> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

function committed(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onabort = () => reject(tx.error);
	});
}

/** A tap's and a submit's requests, in the app's rounds, with plain IndexedDB (see Result). */
async function floor(db: AppDatabase, shapes: Shape[], result: Result): Promise<void> {
	const idb = db.backendDB();
	const stores = ['assessments', 'deficits', 'outbox', 'meta'];
	let seq = 1_000_000;
	for (const [n, shape] of shapes.entries()) {
		const id = `floor-${n}`;
		const draft = { ...shape.assessment, id, status: 'draft' };
		const entry = {
			...shape.entries[0]!,
			seq: seq++,
			mutationId: `${id}-entry`,
			rowId: id,
			table: 'assessments',
			status: 'pending'
		};
		const seed = idb.transaction(stores, 'readwrite');
		seed.objectStore('assessments').put(draft);
		seed.objectStore('outbox').put(entry);
		await committed(seed);
		const taps = Math.ceil(result.taps.length / shapes.length);
		for (let i = 0; i < taps; i++) {
			const started = performance.now();
			const tx = idb.transaction(['assessments', 'outbox', 'meta'], 'readwrite');
			const end = committed(tx);
			const [row] = await Promise.all([
				done(tx.objectStore('assessments').get(id)),
				done(tx.objectStore('outbox').openCursor(null, 'prev')),
				done(tx.objectStore('meta').get('outbox.nextSeq'))
			]);
			const scores = { ...(row as Assessment).scores };
			tx.objectStore('assessments').put({ ...(row as Assessment), scores, updatedAt: new Date().toISOString() });
			tx.objectStore('outbox').put({ ...entry, fields: { scores } });
			await end;
			result.floorTaps.push(performance.now() - started);
		}
		const started = performance.now();
		const tx = idb.transaction(stores, 'readwrite');
		const end = committed(tx);
		const [row] = await Promise.all([
			done(tx.objectStore('assessments').get(id)),
			done(tx.objectStore('outbox').openCursor(null, 'prev')),
			done(tx.objectStore('meta').get('outbox.nextSeq'))
		]);
		await done(tx.objectStore('deficits').index('teacherId').getAll(`floor-teacher-${n}`));
		tx.objectStore('assessments').put({ ...(row as Assessment), status: 'submitted' });
		tx.objectStore('outbox').put({ ...entry, fields: { status: 'submitted' } });
		for (const d of shape.deficits) tx.objectStore('deficits').add({ ...d, id: `${id}-${d.id}` });
		for (const e of shape.entries)
			tx.objectStore('outbox').add({ ...e, seq: seq++, mutationId: `${id}-${e.mutationId}` });
		tx.objectStore('meta').put({ key: 'floor.nextSeq', value: seq });
		await end;
		result.floorSubmits.push(performance.now() - started);
	}
}

export async function run(options: Options): Promise<Result> {
	const next = random(options.seed);
	const scoreOf = (): Score => (next() < options.lowShare ? (next() < 0.5 ? 0 : 1) : next() < 0.5 ? 2 : 3);
	const name = `bench-writes-${Date.now()}`;
	const db = new AppDatabase(name);
	await db.open();
	const framework = await frameworks.current(db, 2026);
	const result: Result = {
		taps: [],
		submits: [],
		deficits: [],
		indicators: frameworkIndicatorIds(framework).length,
		competencies: framework.competencies.length,
		floorTaps: [],
		floorSubmits: [],
		tapCalls: [],
		tapRounds: 0,
		submitCalls: [],
		submitRounds: 0
	};
	const shapes: Shape[] = [];
	for (let n = 0; n < options.runs; n++) {
		const counted = n >= options.warmup;
		const flow = await fill(db, n + 1, scoreOf, (ms) => counted && result.taps.push(ms));
		const started = performance.now();
		flow.askToSubmit();
		const ok = await flow.submit();
		const ms = performance.now() - started;
		if (!ok || !flow.submitted) throw new Error('submit failed');
		if (counted) {
			result.submits.push(ms);
			const low = new Set(
				Object.entries(flow.assessment!.scores)
					.filter(([, s]) => s <= 1)
					.map(([id]) => id.slice(0, id.indexOf('.')))
			);
			result.deficits.push(low.size);
			const teacher = flow.assessment!.teacherId;
			const deficits = await db.deficits.where('teacherId').equals(teacher).toArray();
			const entries = await db.outbox.orderBy('seq').reverse().limit(deficits.length).toArray();
			shapes.push({ assessment: flow.assessment!, deficits, entries });
		}
	}
	await floor(db, shapes, result);
	db.close();
	await AppDatabase.delete(name);

	// The same once more on a database that counts its requests.
	const countedName = `${name}-counted`;
	const other = new AppDatabase(countedName);
	const { during } = countRequests(other);
	await other.open();
	const flow = await fill(other, 1, scoreOf, () => {});
	const ids = frameworkIndicatorIds(framework);
	const tap = await during(() => flow.answer(ids[0]!, flow.scoreOf(ids[0]!) === 3 ? 2 : 3));
	result.tapCalls = tap.calls;
	result.tapRounds = tap.rounds;
	flow.askToSubmit();
	const sub = await during(() => flow.submit());
	result.submitCalls = sub.calls;
	result.submitRounds = sub.rounds;
	other.close();
	await AppDatabase.delete(countedName);
	return result;
}

(window as unknown as { writesBench: typeof run }).writesBench = run;
