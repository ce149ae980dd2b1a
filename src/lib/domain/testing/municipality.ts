/**
 * A random municipality in the device's shapes, for property tests of disclosure control: schools
 * of the given sizes, each teacher with a profile, assessments of three stages over four academic
 * years, deficits, plans with actions, mentoring and observations. The same seed gives the same
 * rows. Knobs set how often a stage is taken, so that runs range from schools where every teacher
 * took every stage to schools where one or two did.
 */
import type { Assessment, Stage } from '../assessment';
import type { CompetenceInput, ReportTeacher } from '../competence-report';
import type { Id } from '../common';
import type { Framework } from '../framework';
import type { IndicatorData, ScopedIndicatorTeacher } from '../indicators';
import type { StaffMember } from '../staff-profile';

/** A small framework: two meta competencies and one subject one, two indicators each. */
export const SMALL_FRAMEWORK: Framework = {
	id: 'fw-small',
	version: 1,
	updatedAt: '2026-01-01T00:00:00.000Z',
	updatedBy: null,
	deletedAt: null,
	code: 'small',
	revision: 1,
	title: 'Малая рамка',
	scale: [],
	competencies: [
		{
			id: 'goals',
			group: 'meta',
			title: 'Цели',
			description: '',
			indicators: [
				{ id: 'goals.1', text: '' },
				{ id: 'goals.2', text: '' }
			]
		},
		{
			id: 'eval',
			group: 'meta',
			title: 'Оценка',
			description: '',
			indicators: [
				{ id: 'eval.1', text: '' },
				{ id: 'eval.2', text: '' }
			]
		},
		{
			id: 'math',
			group: 'subject',
			title: 'Математика',
			description: '',
			indicators: [
				{ id: 'math.1', text: '' },
				{ id: 'math.2', text: '' }
			]
		}
	]
} as unknown as Framework;

export interface MunicipalitySpec {
	/** Teachers per school. */
	sizes: readonly number[];
	seed: number;
	/** The academic year that is current: rows cover it and the three before. */
	current: number;
	/** Chance a teacher takes each stage in a year. */
	entry: number;
	intermediate: number;
	final: number;
	/** Chance a teacher is a young specialist (стаж 0–2 when recorded). */
	young: number;
}

export type RandomTeacher = ScopedIndicatorTeacher & ReportTeacher & StaffMember & { schoolId: Id };

export interface RandomMunicipality {
	region: Id;
	municipality: Id;
	schools: { id: Id; teachers: Id[] }[];
	organizations: { id: Id; kind: string; parentId: Id | null; deletedAt: null; name: string }[];
	teachers: RandomTeacher[];
	indicators: Omit<IndicatorData, 'teachers'> & { teachers: RandomTeacher[] };
	/** The competence report's input for the current year (set academicYear and stage per call). */
	competence: CompetenceInput;
}

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

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function randomMunicipality(spec: MunicipalitySpec): RandomMunicipality {
	const random = rng(spec.seed);
	const chance = (p: number) => random() < p;
	const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
	let counter = 0;
	const id = () => `00000000-0000-4000-8000-${pad(++counter, 12)}`;
	const years = [spec.current - 3, spec.current - 2, spec.current - 1, spec.current];
	const day = (year: number, from: number, to: number) => {
		const d = new Date(Date.UTC(year, 8, 1 + int(from, to)));
		return d.toISOString().slice(0, 10);
	};

	const region = id();
	const municipality = id();
	const organizations: RandomMunicipality['organizations'] = [
		{ id: region, kind: 'region', parentId: null, deletedAt: null, name: 'Область' },
		{ id: municipality, kind: 'municipality', parentId: region, deletedAt: null, name: 'Округ' }
	];
	const teachers: RandomTeacher[] = [];
	const schools = spec.sizes.map((size, s) => {
		const school = id();
		organizations.push({ id: school, kind: 'school', parentId: municipality, deletedAt: null, name: `Школа ${s + 1}` });
		const ids = Array.from({ length: size }, () => {
			const teacher = id();
			const young = chance(spec.young);
			teachers.push({
				id: teacher,
				schoolId: school,
				timeZone: 'Europe/Moscow',
				experienceYears: young ? int(0, 2) : int(3, 35),
				experienceAsOf: day(spec.current - int(0, 3), 0, 364),
				category: (['highest', 'first', 'conformity', 'none'] as const)[int(0, 3)]!,
				categoryExpiresOn: null,
				education: chance(0.8) ? 'higher' : 'vocational',
				birthYear: int(1960, 2001),
				birthDate: null
			});
			return teacher;
		});
		return { id: school, teachers: ids };
	});

	const scores = () =>
		Object.fromEntries(SMALL_FRAMEWORK.competencies.flatMap((c) => c.indicators.map((i) => [i.id, int(0, 3)])));
	const assessments: Assessment[] = [];
	const deficits: (IndicatorData['deficits'][number] & CompetenceInput['deficits'][number])[] = [];
	const plans: {
		id: Id;
		teacherId: Id;
		academicYear: number;
		status: 'draft' | 'active' | 'completed';
		deletedAt: null;
	}[] = [];
	const actions: CompetenceInput['actions'][number][] = [];
	const pairs: { id: Id; menteeId: Id; startDate: string; endDate: string | null; deletedAt: null }[] = [];
	const sessions: IndicatorData['mentoringSessions'][number][] = [];
	const observations: IndicatorData['observations'][number][] = [];
	const activities: IndicatorData['activities'][number][] = [];
	for (const t of teachers) {
		for (const year of years) {
			const stages: [Stage, number][] = [];
			if (chance(spec.entry)) stages.push(['entry', 20]);
			if (chance(spec.intermediate)) stages.push(['intermediate', 140]);
			if (chance(spec.final)) stages.push(['final', 260]);
			for (const [stage, at] of stages) {
				const when = `${day(year, at, at + 20)}T10:00:00.000Z`;
				assessments.push({
					id: id(),
					teacherId: t.id,
					assessorId: null,
					frameworkId: SMALL_FRAMEWORK.id,
					frameworkVersion: 1,
					kind: 'self',
					stage,
					academicYear: year,
					status: 'submitted',
					scores: scores(),
					currentCompetencyId: null,
					startedAt: when,
					submittedAt: when,
					version: 1,
					updatedAt: when,
					updatedBy: null,
					deletedAt: null
				} as unknown as Assessment);
			}
			if (chance(0.5)) {
				const plan = id();
				plans.push({
					id: plan,
					teacherId: t.id,
					academicYear: year,
					status: (['draft', 'active', 'completed'] as const)[int(0, 2)]!,
					deletedAt: null
				});
				for (let k = int(0, 3); k > 0; k -= 1)
					actions.push({
						planId: plan,
						status: (['planned', 'done', 'cancelled'] as const)[int(0, 2)]!,
						deletedAt: null
					});
			}
			if (chance(0.3))
				activities.push({
					teacherId: t.id,
					kind: 'course',
					startDate: day(year, 30, 60),
					endDate: day(year, 61, 90),
					completed: chance(0.8),
					qualityRelated: chance(0.5),
					deletedAt: null
				});
			if (chance(0.3))
				observations.push({ teacherId: t.id, status: 'submitted', date: day(year, 10, 300), deletedAt: null });
		}
		if (chance(0.4)) {
			const first = years[int(0, 3)]!;
			const history: { status: 'identified' | 'overcome'; at: string; by: null }[] = [
				{ status: 'identified', at: `${day(first, 10, 100)}T09:00:00.000Z`, by: null }
			];
			if (chance(0.5))
				history.push({ status: 'overcome', at: `${day(first + int(0, 2), 120, 300)}T09:00:00.000Z`, by: null });
			deficits.push({
				teacherId: t.id,
				competencyId: SMALL_FRAMEWORK.competencies[int(0, 2)]!.id,
				status: history[history.length - 1]!.status,
				history,
				deletedAt: null
			});
		}
		if (t.experienceYears < 3 && chance(0.7)) {
			const pair = id();
			const start = years[int(0, 2)]!;
			pairs.push({
				id: pair,
				menteeId: t.id,
				startDate: day(start, 0, 60),
				endDate: chance(0.5) ? null : day(start + 1, 0, 300),
				deletedAt: null
			});
			for (const year of years)
				if (chance(0.5)) sessions.push({ pairId: pair, menteeId: t.id, date: day(year, 30, 200), deletedAt: null });
		}
	}

	return {
		region,
		municipality,
		schools,
		organizations,
		teachers,
		indicators: {
			teachers,
			activities,
			developmentPlans: plans,
			assessments,
			frameworks: [SMALL_FRAMEWORK],
			deficits,
			mentoringPairs: pairs,
			mentoringSessions: sessions,
			observations
		},
		competence: {
			academicYear: spec.current,
			framework: SMALL_FRAMEWORK,
			kind: 'self',
			teachers,
			assessments,
			deficits,
			plans,
			actions,
			pairs,
			observations
		}
	};
}
