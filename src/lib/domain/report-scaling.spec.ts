import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Stage } from './assessment';
import { competenceReport, type ReportAccess } from './competence-report';
import { DEFAULT_DISCLOSURE, disclosureYears, offeredYears, reportScope } from './disclosure';
import { indicatorsReport } from './indicators';
import { staffProfileReport } from './staff-profile';
import { randomMunicipality, type RandomMunicipality } from './testing/municipality';

/**
 * Issue 18: the dashboards' reports are linear in their data. A municipality of 60 schools took
 * seconds because every school's figures re-filtered every row of the municipality, for two
 * years. Measured here by work, not time: every read of a row's field is counted, and doubling the
 * schools (and so the rows) must about double the reads. The figures themselves are pinned by
 * digests taken from the implementation before the rows were indexed, so indexing changed no
 * figure, no suppression and no withheld group.
 */

const CURRENT = 2026;
const YEARS = disclosureYears(offeredYears(CURRENT));
const settings = DEFAULT_DISCLOSURE;

/** A municipality of `schools` schools of 2–14 teachers (some under 5: withheld), same shape at every size. */
function municipality(schools: number, seed = 7): RandomMunicipality {
	const sizes = Array.from({ length: schools }, (_, i) => [12, 3, 8, 14, 6, 2, 10][i % 7]!);
	return randomMunicipality({ sizes, seed, current: CURRENT, entry: 0.9, intermediate: 0.5, final: 0.7, young: 0.2 });
}

/** Every report the two dashboards load for the municipality and its first school. */
function reports(m: RandomMunicipality, access: ReportAccess, stage: Stage | null) {
	const out: unknown[] = [];
	for (const id of [m.municipality, m.schools[0]!.id]) {
		const scope = reportScope(m.organizations, id)!;
		out.push(
			indicatorsReport(m.indicators, scope, { year: CURRENT, stage, access, settings, years: YEARS }),
			competenceReport({ ...m.competence, academicYear: CURRENT, stage }, scope, { access, settings, years: YEARS }),
			staffProfileReport(m.teachers, scope, CURRENT, { access, settings })
		);
	}
	return out;
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** The same municipality with every row and teacher behind a proxy counting reads of its fields. */
function counted(m: RandomMunicipality): { m: RandomMunicipality; reads: () => number } {
	let reads = 0;
	const cache = new Map<object, object>();
	const wrap = <T extends object>(row: T): T => {
		let proxy = cache.get(row);
		if (!proxy) {
			proxy = new Proxy(row, {
				get(target, key, receiver) {
					reads += 1;
					return Reflect.get(target, key, receiver);
				}
			});
			cache.set(row, proxy);
		}
		return proxy as T;
	};
	const rows = <T extends object>(list: readonly T[]): T[] => list.map(wrap);
	const i = m.indicators;
	const c = m.competence;
	return {
		m: {
			...m,
			teachers: rows(m.teachers),
			indicators: {
				...i,
				teachers: rows(i.teachers),
				activities: rows(i.activities),
				developmentPlans: rows(i.developmentPlans),
				assessments: rows(i.assessments),
				deficits: rows(i.deficits),
				mentoringPairs: rows(i.mentoringPairs),
				mentoringSessions: rows(i.mentoringSessions),
				observations: rows(i.observations)
			},
			competence: {
				...c,
				teachers: rows(c.teachers),
				assessments: rows(c.assessments),
				deficits: rows(c.deficits),
				plans: rows(c.plans),
				actions: rows(c.actions),
				pairs: rows(c.pairs),
				observations: rows(c.observations)
			}
		},
		reads: () => reads
	};
}

describe('the dashboards’ reports grow linearly with the municipality', () => {
	it('read each row a bounded number of times: twice the schools, about twice the reads', () => {
		const readsAt = (schools: number) => {
			const { m, reads } = counted(municipality(schools));
			reports(m, 'municipal', null);
			return reads();
		};
		const [r10, r20, r40] = [readsAt(10), readsAt(20), readsAt(40)];
		// Linear work doubles (plus a little: the suppression's remainders grow with the schools).
		expect(r20 / r10).toBeLessThan(2.3);
		expect(r40 / r20).toBeLessThan(2.3);
	});

	it('read each row a bounded number of times in the school methodist’s view too', () => {
		const readsAt = (schools: number) => {
			const { m, reads } = counted(municipality(schools));
			reports(m, 'school', null);
			return reads();
		};
		const [r10, r20, r40] = [readsAt(10), readsAt(20), readsAt(40)];
		expect(r20 / r10).toBeLessThan(2.3);
		expect(r40 / r20).toBeLessThan(2.3);
	});
});

describe('indexing the rows changed no figure', () => {
	// Digests of JSON.stringify of every report of reports(), taken before the rows were indexed.
	const EXPECTED: Record<string, string> = {
		'3/municipal/final': 'a391ccfc92a38d66',
		'3/municipal/intermediate': '092e43fc0e2e64c5',
		'3/municipal/entry': '895979ec49a119eb',
		'3/school/final': '1c3d18f58def5261',
		'3/school/intermediate': 'bac76d8a1873668d',
		'3/school/entry': 'c9d4ec7554953db2',
		'12/municipal/final': 'cd38e2db2d0b4aa2',
		'12/municipal/intermediate': '42308779678af81d',
		'12/municipal/entry': 'bb50c4681f7ed84c',
		'12/school/final': '4700e4622eae6cdf',
		'12/school/intermediate': '9a4ed97ec5deb7ee',
		'12/school/entry': '3bea81de81c5d4d2',
		'30/municipal/final': '62699e7dbebb9971',
		'30/municipal/intermediate': 'e2e9d8deeb495d6a',
		'30/municipal/entry': 'f1c08f1ee2823bce',
		'30/school/final': 'e48887d90d59ed2b',
		'30/school/intermediate': 'e0c7b8c97a948ac9',
		'30/school/entry': '7c88260ce1a30d3c'
	};

	for (const schools of [3, 12, 30])
		for (const access of ['municipal', 'school'] as const)
			for (const stage of [null, 'intermediate', 'entry'] as const)
				it(`gives the same reports for ${schools} schools, ${access} reader, stage ${stage ?? 'final'}`, () => {
					const key = `${schools}/${access}/${stage ?? 'final'}`;
					expect({ key, digest: digest(reports(municipality(schools, schools * 31), access, stage)) }).toEqual({
						key,
						digest: EXPECTED[key]
					});
				});
});
