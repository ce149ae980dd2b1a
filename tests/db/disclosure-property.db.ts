/**
 * The disclosure property on a real PostgreSQL (the TypeScript twin runs 200 municipalities in
 * src/lib/domain/disclosure.property.spec.ts): random municipalities — schools of 1 to 30
 * teachers, stages taken by all, some or few — written to the database; an aggregate-only reader
 * asks for every report of the municipality and of each school, every offered year and stage.
 * The attacker's arithmetic finds no figure about fewer than 5 teachers, and the device's
 * computation gives the same answers, withheld figures included.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYearOf } from '../../src/lib/domain/academic-year';
import type { Stage } from '../../src/lib/domain/assessment';
import { offeredYears } from '../../src/lib/domain/disclosure';
import { audit, figuresOf, type Answer } from '../../src/lib/domain/testing/disclosure-audit';
import { id, signUp } from './actors';
import { attempt, freshDatabase, type TestDatabase } from './cluster';
import {
	deviceAnswers,
	deviceWorld,
	generateMunicipality,
	insertDataset,
	planActionsOf,
	type Dataset
} from './report-data';

const YEAR = academicYearOf(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date()));
const YEARS = offeredYears(YEAR);
const STAGES: (Stage | null)[] = [null, 'intermediate', 'entry'];

let db: TestDatabase;

beforeAll(async () => {
	db = await freshDatabase();
}, 120_000);
afterAll(async () => {
	await db?.drop();
});

/** mulberry32, for the choices made on top of the generator's. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

async function serverAnswers(d: Dataset, user: string): Promise<Answer[]> {
	const call = async (sql: string, params: unknown[]) => {
		const r = await attempt(db.pool, user, sql, params, { rollback: true });
		if (!r.ok) throw new Error(`${sql}: ${r.message}`);
		return r.rows[0]!.r as Record<string, unknown>;
	};
	const out: Answer[] = [];
	for (const scope of [d.municipality, ...d.schools.map((s) => s.id)]) {
		for (const year of YEARS) {
			out.push({
				report: 'staff',
				scope,
				year,
				answer: await call(`select public.report_staff_profile($1, $2) as r`, [scope, year])
			});
			for (const stage of STAGES) {
				out.push({
					report: 'indicators',
					scope,
					year,
					stage,
					answer: await call(`select public.report_indicators($1, $2, $3) as r`, [scope, year, stage])
				});
				out.push({
					report: 'competence',
					scope,
					year,
					stage,
					answer: await call(`select public.report_competence(p_org => $1, p_year => $2, p_stage => $3) as r`, [
						scope,
						year,
						stage
					])
				});
			}
		}
	}
	return out;
}

let run = 0;

describe('disclosure control over random municipalities, on the server', () => {
	it('gives the attacker nothing about fewer than 5 teachers, and the device the same answers', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					sizes: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
					intermediate: fc.constantFrom(0, 0.2, 0.9),
					final: fc.constantFrom(0.1, 0.5, 1)
				}),
				async (spec) => {
					run += 1;
					const seed = 0x14000 + run;
					const d = generateMunicipality({ year: YEAR, schoolSizes: spec.sizes, seed });
					// How many took the intermediate and the final stage: from all to a few.
					const random = rng(seed);
					const keep = new Map<string, boolean>();
					d.rows.assessments = d.rows.assessments.filter((a) => {
						if (a.stage === 'entry') return true;
						const key = `${a.teacher_id as string}/${a.academic_year as number}/${a.stage as string}`;
						if (!keep.has(key)) keep.set(key, random() < (a.stage === 'intermediate' ? spec.intermediate : spec.final));
						return keep.get(key)!;
					});
					await insertDataset(db.pool, d);
					const actions = planActionsOf(d, YEAR, id);
					for (const a of actions) {
						await db.pool.query(
							`insert into public.plan_actions (id, plan_id, teacher_id, type, title, status, completed_at) values ($1, $2, $3, $4, $5, $6, $7)`,
							[a.id, a.plan_id, a.teacher_id, a.type, a.title, a.status, a.completed_at]
						);
					}
					const user = await signUp(db.pool, d.municipalMethodistEmail);
					const server = await serverAnswers(d, user);
					const world = deviceWorld(d, actions, YEAR);
					const leaks = audit(world, server, d.municipality);
					expect(leaks.slice(0, 5).map((l) => `${l.attack} ${l.figure} (${l.teachers}): ${l.detail}`)).toEqual([]);
					const mine = figuresOf(deviceAnswers(d, world, YEARS, STAGES));
					const theirs = figuresOf(server);
					const differing = [...theirs].filter(([key, v]) => {
						const w = mine.get(key);
						return v === null || w === null || w === undefined ? v !== (w ?? null) : Math.abs(v - w) > 1e-9;
					});
					expect(differing.slice(0, 5)).toEqual([]);
					expect(mine.size).toBe(theirs.size);
				}
			),
			{ numRuns: 6 }
		);
	}, 600_000);
});
