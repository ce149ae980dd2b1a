/**
 * Disclosure control as a property (DOMAIN.md, "Disclosure control"; issue 14): over random
 * municipalities — schools of 1 to 30 teachers, stages taken by many, few or none, four academic
 * years — an aggregate-only reader asks for every report the dashboards offer (the municipality
 * and each school, every offered year and stage), and the attacker's arithmetic
 * (testing/disclosure-audit.ts: subtraction, differencing across stages and years, repetition)
 * finds no figure about 1 … 4 teachers. The SQL twin runs a few of these municipalities too
 * (tests/db/disclosure-property.db.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stage } from './assessment';
import { competenceReport } from './competence-report';
import { DEFAULT_DISCLOSURE, disclosureYears, offeredYears, reportScope } from './disclosure';
import { indicatorsReport } from './indicators';
import { staffProfileReport } from './staff-profile';
import { audit, type Answer } from './testing/disclosure-audit';
import { randomMunicipality, type RandomMunicipality } from './testing/municipality';

const CURRENT = 2026;
const OFFERED = offeredYears(CURRENT);
const YEARS = disclosureYears(OFFERED);
const STAGES: (Stage | null)[] = [null, 'intermediate', 'entry'];
const settings = DEFAULT_DISCLOSURE;

/** Everything the reader may ask for, computed on the device's side. */
export function everything(m: RandomMunicipality): Answer[] {
	const out: Answer[] = [];
	for (const id of [m.municipality, ...m.schools.map((s) => s.id)]) {
		const scope = reportScope(m.organizations, id)!;
		for (const year of OFFERED) {
			out.push({
				report: 'staff',
				scope: id,
				year,
				answer: staffProfileReport(m.teachers, scope, year, { access: 'municipal', settings }) as never
			});
			for (const stage of STAGES) {
				out.push({
					report: 'indicators',
					scope: id,
					year,
					stage,
					answer: indicatorsReport(m.indicators, scope, {
						year,
						stage,
						access: 'municipal',
						settings,
						years: YEARS
					}) as never
				});
				out.push({
					report: 'competence',
					scope: id,
					year,
					stage,
					answer: competenceReport({ ...m.competence, academicYear: year, stage }, scope, {
						access: 'municipal',
						settings,
						years: YEARS
					}) as never
				});
			}
		}
	}
	return out;
}

const probability = fc.constantFrom(0, 0.1, 0.5, 0.9, 1);
const municipality = fc.record({
	sizes: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
	seed: fc.integer(),
	entry: probability,
	intermediate: probability,
	final: probability,
	young: fc.constantFrom(0, 0.2, 0.5)
});

describe('disclosure control over random municipalities', () => {
	it('gives the attacker no figure about fewer than 5 teachers by subtraction, differencing or repetition', () => {
		fc.assert(
			fc.property(municipality, (spec) => {
				const m = randomMunicipality({ ...spec, current: CURRENT });
				const leaks = audit(
					{
						schools: m.schools,
						indicators: m.indicators,
						competence: m.competence,
						threshold: settings.growthThreshold,
						min: settings.minGroupSize
					},
					everything(m),
					m.municipality
				);
				expect(leaks.slice(0, 5).map((l) => `${l.attack} ${l.figure} (${l.teachers}): ${l.detail}`)).toEqual([]);
			}),
			{ numRuns: 200 }
		);
	}, 120_000);
});
