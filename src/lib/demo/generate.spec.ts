import { describe, expect, it } from 'vitest';
import type { SyncedRow } from '$lib/domain/common';
import type { Competency, CompetencyGroup, Framework } from '$lib/domain/framework';
import { generateDemoSchool, type DemoDataset } from './generate';

const NOW = '2026-11-22T09:00:00Z';
const OTHER_NOWS = ['2027-03-10T10:00:00Z', '2026-09-02T06:00:00Z'] as const;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function buildCompetency(id: string, group: CompetencyGroup, indicators: number): Competency {
	return {
		id,
		group,
		title: `Компетенция ${id}`,
		description: '',
		indicators: Array.from({ length: indicators }, (_, i) => ({ id: `${id}.${i + 1}`, text: `Индикатор ${i + 1}` }))
	};
}

/** A framework shaped like the default one (seven meta competencies, a subject group), built here. */
function buildFramework(overrides: Partial<Framework> = {}): Framework {
	return {
		id: '0f8fad5b-d9cb-469f-a165-70867728950e',
		version: 3,
		revision: 2,
		status: 'published',
		academicYear: null,
		publishedAt: null,
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: null,
		deletedAt: null,
		code: 'test-2026',
		title: 'Тестовая рамка',
		scale: [
			{ score: 0, label: 'Не проявляется', hint: '' },
			{ score: 1, label: 'Проявляется частично', hint: '' },
			{ score: 2, label: 'Проявляется в основном', hint: '' },
			{ score: 3, label: 'Проявляется в полной мере', hint: '' }
		],
		competencies: [
			buildCompetency('goal-setting', 'meta', 4),
			buildCompetency('motivation', 'meta', 4),
			buildCompetency('technology', 'meta', 5),
			buildCompetency('methodology', 'meta', 4),
			buildCompetency('information', 'meta', 4),
			buildCompetency('communication', 'meta', 3),
			buildCompetency('evaluation', 'meta', 4),
			buildCompetency('subject-knowledge', 'subject', 4),
			buildCompetency('subject-methods', 'subject', 3)
		],
		...overrides
	};
}

/** Few competencies with ids the generator does not recognise: it must still cope. */
const TINY_FRAMEWORK = buildFramework({
	id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
	competencies: [
		buildCompetency('alpha', 'meta', 3),
		buildCompetency('beta', 'meta', 2),
		buildCompetency('subject-math', 'subject', 2)
	]
});

// The default framework is written separately; use it too when it is there.
const defaultModule = Object.values(import.meta.glob('../domain/frameworks/default.ts', { eager: true }))[0] as
	{ DEFAULT_FRAMEWORK?: Framework } | undefined;
const FRAMEWORKS: [string, Framework][] = [
	['a default-like', buildFramework()],
	['a tiny', TINY_FRAMEWORK],
	...(defaultModule?.DEFAULT_FRAMEWORK ? [['the default', defaultModule.DEFAULT_FRAMEWORK] as [string, Framework]] : [])
];

const FRAMEWORK = buildFramework();
const data = generateDemoSchool({ framework: FRAMEWORK, now: NOW });

function academicStartYear(iso: string): number {
	const [year = 0, month = 0] = iso.slice(0, 7).split('-').map(Number);
	return month >= 9 ? year : year - 1;
}

function teachersOf(d: DemoDataset) {
	const ids = new Set(d.memberships.filter((m) => m.role === 'teacher').map((m) => m.profileId));
	return d.profiles.filter((p) => ids.has(p.id));
}

function allRows(d: DemoDataset): [string, SyncedRow][] {
	const tables = {
		organizations: d.organizations,
		memberships: d.memberships,
		profiles: d.profiles,
		assessments: d.assessments,
		deficits: d.deficits,
		plans: d.plans,
		actions: d.actions,
		activities: d.activities,
		pairs: d.pairs,
		sessions: d.sessions,
		observations: d.observations,
		comments: d.comments,
		recommendations: d.recommendations
	};
	return Object.entries(tables).flatMap(([table, rows]) => rows.map((row): [string, SyncedRow] => [table, row]));
}

/** Every problem found, as readable lines: an empty list is a pass with a useful failure message. */
function integrityProblems(d: DemoDataset, framework: Framework): string[] {
	const problems: string[] = [];
	const check = (ok: boolean, message: string) => {
		if (!ok) problems.push(message);
	};
	const byId = <T extends SyncedRow>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
	const orgs = byId(d.organizations);
	const profiles = byId(d.profiles);
	const assessments = byId(d.assessments);
	const deficits = byId(d.deficits);
	const plans = byId(d.plans);
	const actions = byId(d.actions);
	const pairs = byId(d.pairs);
	const sessions = byId(d.sessions);
	const observations = byId(d.observations);
	const users = new Set(d.profiles.flatMap((p) => (p.userId ? [p.userId] : [])));

	const ids = allRows(d).map(([, r]) => r.id);
	check(new Set(ids).size === ids.length, 'row ids are unique');
	check(profiles.has(d.guestProfileId), 'guest profile exists');
	check(profiles.has(d.methodistProfileId), 'methodist profile exists');
	for (const [table, row] of allRows(d)) {
		check(row.updatedBy === null || users.has(row.updatedBy), `${table} ${row.id}: updatedBy is a user`);
	}
	for (const o of d.organizations)
		check(o.parentId === null ? o.kind === 'region' : orgs.has(o.parentId), `organization ${o.name}: parent`);
	for (const m of d.memberships) check(profiles.has(m.profileId) && orgs.has(m.organizationId), `membership ${m.id}`);
	for (const p of d.profiles) {
		check(p.schoolId === null || orgs.get(p.schoolId)?.kind === 'school', `profile ${p.fullName}: school`);
		check(
			p.associationId === null || orgs.get(p.associationId)?.parentId === p.schoolId,
			`profile ${p.fullName}: ШМО of own school`
		);
	}
	for (const a of d.assessments) {
		check(
			profiles.has(a.teacherId) && (a.assessorId === null || profiles.has(a.assessorId)),
			`assessment ${a.id}: people`
		);
		check(a.frameworkId === framework.id && a.frameworkVersion === framework.revision, `assessment ${a.id}: framework`);
	}
	for (const x of d.deficits) {
		check(profiles.has(x.teacherId), `deficit ${x.id}: teacher`);
		check(
			framework.competencies.some((c) => c.id === x.competencyId),
			`deficit ${x.id}: competency`
		);
		check(
			x.indicatorIds.every((i) => i.startsWith(`${x.competencyId}.`)),
			`deficit ${x.id}: indicators of its competency`
		);
		check(
			x.sourceAssessmentId === null || assessments.get(x.sourceAssessmentId)?.teacherId === x.teacherId,
			`deficit ${x.id}: source assessment`
		);
		check(
			x.sourceObservationId === null || observations.get(x.sourceObservationId)?.teacherId === x.teacherId,
			`deficit ${x.id}: source observation`
		);
		check(
			x.history.every((h) => h.by === null || profiles.has(h.by)),
			`deficit ${x.id}: history authors`
		);
	}
	for (const p of d.plans) {
		check(profiles.has(p.teacherId), `plan ${p.id}: teacher`);
		check(
			p.deficitIds.every((id) => deficits.get(id)?.teacherId === p.teacherId),
			`plan ${p.id}: deficits of the teacher`
		);
		check(
			p.approvedBy === null || (profiles.has(p.approvedBy) && p.approvedBy !== p.teacherId),
			`plan ${p.id}: approver`
		);
	}
	for (const a of d.actions) {
		const plan = plans.get(a.planId);
		check(plan?.teacherId === a.teacherId, `action ${a.id}: plan of the teacher`);
		check(
			a.deficitId === null || deficits.get(a.deficitId)?.teacherId === a.teacherId,
			`action ${a.id}: deficit of the teacher`
		);
		check(
			a.sourceObservationId === null || observations.get(a.sourceObservationId)?.teacherId === a.teacherId,
			`action ${a.id}: source observation`
		);
	}
	for (const a of d.activities) check(profiles.has(a.teacherId), `activity ${a.id}: teacher`);
	for (const p of d.pairs) {
		check(orgs.get(p.schoolId)?.kind === 'school', `pair ${p.id}: school`);
		check(profiles.has(p.mentorId) && profiles.has(p.menteeId) && p.mentorId !== p.menteeId, `pair ${p.id}: people`);
		check(
			p.deficitIds.every((id) => deficits.get(id)?.teacherId === p.menteeId),
			`pair ${p.id}: deficits of the mentee`
		);
	}
	for (const s of d.sessions) {
		const pair = pairs.get(s.pairId);
		check(pair?.mentorId === s.mentorId && pair.menteeId === s.menteeId, `session ${s.id}: pair`);
		check(
			pair !== undefined && s.date >= pair.startDate && (pair.endDate === null || s.date <= pair.endDate),
			`session ${s.id}: within the pair's term`
		);
	}
	for (const o of d.observations) {
		check(
			profiles.has(o.observerId) && profiles.has(o.teacherId) && o.observerId !== o.teacherId,
			`observation ${o.id}: people`
		);
		check(o.frameworkId === framework.id, `observation ${o.id}: framework`);
		for (const r of o.recommendations) {
			check(
				r.deficitId === null || deficits.get(r.deficitId)?.teacherId === o.teacherId,
				`observation ${o.id}: recommendation deficit`
			);
			check(
				r.actionId === null || actions.get(r.actionId)?.sourceObservationId === o.id,
				`observation ${o.id}: recommendation action points back`
			);
			check(
				r.competencyId === null || framework.competencies.some((c) => c.id === r.competencyId),
				`observation ${o.id}: recommendation competency`
			);
		}
	}
	for (const c of d.comments) {
		const target =
			c.targetTable === 'mentoring_sessions'
				? sessions.get(c.targetId)
				: c.targetTable === 'observations'
					? observations.get(c.targetId)
					: undefined;
		check(target !== undefined && profiles.has(c.authorId), `comment ${c.id}: target and author`);
	}
	for (const r of d.recommendations) {
		check(
			orgs.get(r.organizationId)?.kind === 'school' && profiles.has(r.authorId),
			`recommendation ${r.id}: school and author`
		);
		check(
			r.teacherId === null || profiles.get(r.teacherId)?.schoolId === r.organizationId,
			`recommendation ${r.id}: a teacher of that school`
		);
		check((r.doneAt === null) === (r.doneBy === null), `recommendation ${r.id}: done by someone`);
		check(
			r.createdAt !== undefined && r.createdAt <= r.updatedAt && (r.doneAt === null || r.createdAt <= r.doneAt),
			`recommendation ${r.id}: written before its last change`
		);
	}
	return problems;
}

/** Dates that must not be after `now`; deadlines, planned meetings, an active pair's planned end and category expiries may be. */
function futureDates(d: DemoDataset, now: string): string[] {
	const nowMs = Date.parse(now);
	const today = new Date(nowMs).toISOString().slice(0, 10);
	const late: string[] = [];
	const instant = (label: string, value: string | null) => {
		if (value !== null && Date.parse(value) > nowMs) late.push(`${label} ${value}`);
	};
	const day = (label: string, value: string | null) => {
		if (value !== null && value > today) late.push(`${label} ${value}`);
	};
	for (const [table, row] of allRows(d)) instant(`${table}.updatedAt`, row.updatedAt);
	for (const a of d.assessments) {
		instant('startedAt', a.startedAt);
		instant('submittedAt', a.submittedAt);
	}
	for (const x of d.deficits) {
		instant('confirmedAt', x.confirmedAt);
		for (const h of x.history) instant('history.at', h.at);
	}
	for (const p of d.plans) instant('approvedAt', p.approvedAt);
	for (const a of d.actions) instant('completedAt', a.completedAt);
	for (const a of d.activities) {
		day('activity.startDate', a.startDate);
		day('activity.endDate', a.endDate);
	}
	for (const p of d.pairs) {
		day('pair.startDate', p.startDate);
		if (p.status !== 'active') day('pair.endDate', p.endDate);
	}
	for (const s of d.sessions) {
		day('session.date', s.date);
		instant('session.acknowledgedAt', s.acknowledgedAt);
	}
	for (const o of d.observations) {
		day('observation.date', o.date);
		instant('observation.acknowledgedAt', o.acknowledgedAt);
	}
	for (const r of d.recommendations) {
		instant('recommendation.doneAt', r.doneAt);
		instant('recommendation.createdAt', r.createdAt ?? null);
	}
	return late;
}

describe('generateDemoSchool', () => {
	it('gives the same rows for the same seed and now', () => {
		expect(generateDemoSchool({ framework: FRAMEWORK, now: NOW })).toEqual(data);
		expect(generateDemoSchool({ framework: FRAMEWORK, now: NOW, seed: 7 })).toEqual(
			generateDemoSchool({ framework: FRAMEWORK, now: NOW, seed: 7 })
		);
	});

	it('gives different rows for a different seed', () => {
		const other = generateDemoSchool({ framework: FRAMEWORK, now: NOW, seed: 7 });
		expect(other.guestProfileId).not.toBe(data.guestProfileId);
		expect(other.assessments.map((a) => a.scores)).not.toEqual(data.assessments.map((a) => a.scores));
	});

	it('takes every id from newId when one is given', () => {
		let n = 0;
		const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
		const withIds = generateDemoSchool({ framework: FRAMEWORK, now: NOW, newId });
		const ids = allRows(withIds).map(([, r]) => r.id);
		expect(ids.every((id) => id.startsWith('00000000-0000-4000-8000-'))).toBe(true);
		// The data itself does not depend on where ids come from.
		expect(withIds.assessments.map((a) => a.scores)).toEqual(data.assessments.map((a) => a.scores));
	});

	it('puts one ШНОР, 500+ school with 3–4 ШМО in a municipality of the region', () => {
		const school = data.organizations.find((o) => o.name === 'МБОУ «Кадниковская средняя школа»');
		expect(school).toMatchObject({ kind: 'school', lowResults: true, program500: true });
		const associations = data.organizations.filter(
			(o) => o.kind === 'methodical_association' && o.parentId === school?.id
		);
		expect(associations.length).toBeGreaterThanOrEqual(3);
		expect(associations.length).toBeLessThanOrEqual(4);
		const municipality = data.organizations.find((o) => o.id === school?.parentId);
		expect(municipality?.kind).toBe('municipality');
		expect(data.organizations.find((o) => o.id === municipality?.parentId)?.kind).toBe('region');
	});

	it('staffs the school with at least 20 teachers in every experience band, four or more of them young specialists', () => {
		const teachers = teachersOf(data);
		expect(teachers.length).toBeGreaterThanOrEqual(20);
		const bands = [
			[0, 3],
			[3, 5],
			[5, 10],
			[10, 15],
			[15, 20],
			[20, 100]
		] as const;
		for (const [min, max] of bands) {
			expect(
				teachers.some((t) => t.experienceYears >= min && t.experienceYears < max),
				`стаж ${min}–${max}`
			).toBe(true);
		}
		expect(teachers.filter((t) => t.experienceYears < 3).length).toBeGreaterThanOrEqual(4);
	});

	it('has teachers under 25 and 60 or older, with plausible names and addresses', () => {
		const teachers = teachersOf(data);
		const ages = teachers.map((t) => 2026 - t.birthYear);
		expect(Math.min(...ages)).toBeLessThan(25);
		expect(Math.max(...ages)).toBeGreaterThanOrEqual(60);
		expect(new Set(teachers.map((t) => t.fullName)).size).toBe(teachers.length);
		for (const t of teachers) {
			expect(t.fullName.split(' ')).toHaveLength(3);
			expect(t.email).toMatch(/^[a-z]+\.[a-z]{2}@kadnikov-school\.ru$/);
			expect(t.position).toMatch(/учител/);
			expect(t.experienceYears).toBeLessThanOrEqual(2026 - t.birthYear - 18);
		}
	});

	it('gives a category an expiry 1–5 years ahead, one within three months, and none without a category', () => {
		const teachers = teachersOf(data);
		const months = (date: string) => (Date.parse(date) - Date.parse(NOW)) / (30.44 * 86_400_000);
		for (const t of teachers) {
			if (t.category === 'none') expect(t.categoryExpiresOn).toBeNull();
			else expect(t.categoryExpiresOn).not.toBeNull();
		}
		const expiries = teachers.flatMap((t) => (t.categoryExpiresOn ? [months(t.categoryExpiresOn)] : []));
		expect(expiries.filter((m) => m > 0 && m <= 3)).toHaveLength(1);
		expect(expiries.filter((m) => m > 3).every((m) => m >= 11.5 && m <= 61)).toBe(true);
		expect(new Set(teachers.map((t) => t.category))).toEqual(new Set(['highest', 'first', 'conformity', 'none']));
		expect(teachers.some((t) => t.education === 'vocational')).toBe(true);
	});

	it('makes the guest a mentor of one or two young specialists with a submitted entry and a half-filled draft this year', () => {
		const guest = data.guestProfileId;
		expect(
			data.memberships
				.filter((m) => m.profileId === guest)
				.map((m) => m.role)
				.sort()
		).toEqual(['mentor', 'teacher']);
		const mentees = data.pairs
			.filter((p) => p.mentorId === guest && p.status === 'active')
			.map((p) => data.profiles.find((x) => x.id === p.menteeId));
		expect(mentees.length).toBeGreaterThanOrEqual(1);
		expect(mentees.length).toBeLessThanOrEqual(2);
		expect(mentees.every((m) => m !== undefined && m.experienceYears < 3)).toBe(true);

		const mine = data.assessments.filter((a) => a.teacherId === guest && a.academicYear === 2026);
		expect(mine.find((a) => a.stage === 'entry')).toMatchObject({ status: 'submitted', kind: 'self' });
		const draft = mine.find((a) => a.status === 'draft');
		expect(draft).toMatchObject({ stage: 'intermediate', submittedAt: null });
		const answered = Object.keys(draft?.scores ?? {}).length;
		const total = FRAMEWORK.competencies.flatMap((c) => c.indicators).length;
		expect(answered).toBeGreaterThan(0);
		expect(answered).toBeLessThan(total);
		expect(FRAMEWORK.competencies.some((c) => c.id === draft?.currentCompetencyId)).toBe(true);
		expect(data.deficits.some((x) => x.teacherId === guest && x.status === 'proposed')).toBe(true);
	});

	it('gives the methodist and the municipal methodist their roles', () => {
		const roles = data.memberships.filter((m) => m.profileId === data.methodistProfileId).map((m) => m.role);
		expect(roles).toEqual(expect.arrayContaining(['teacher', 'school_methodist']));
		const municipal = data.memberships.filter((m) => m.role === 'municipal_methodist');
		expect(municipal).toHaveLength(1);
		expect(data.organizations.find((o) => o.id === municipal[0]?.organizationId)?.kind).toBe('municipality');
		expect(data.profiles.find((p) => p.id === municipal[0]?.profileId)?.schoolId).toBeNull();
	});

	it('has last year’s entry and final for most teachers, final higher for some, and «нет данных» cases', () => {
		const teachers = teachersOf(data);
		const lastYear = (id: string, stage: string) =>
			data.assessments.find(
				(a) => a.teacherId === id && a.academicYear === 2025 && a.stage === stage && a.kind === 'self'
			);
		const meta = FRAMEWORK.competencies.filter((c) => c.group === 'meta').flatMap((c) => c.indicators.map((i) => i.id));
		const mean = (scores: Record<string, number>) => meta.reduce((sum, id) => sum + (scores[id] ?? 0), 0) / meta.length;
		const both = teachers.filter((t) => lastYear(t.id, 'entry') && lastYear(t.id, 'final'));
		expect(both.length).toBeGreaterThan(teachers.length / 2);
		const growth = both.map(
			(t) => mean(lastYear(t.id, 'final')?.scores ?? {}) - mean(lastYear(t.id, 'entry')?.scores ?? {})
		);
		expect(growth.filter((g) => g >= 0.25).length).toBeGreaterThanOrEqual(5);
		expect(growth.filter((g) => g < 0.25).length).toBeGreaterThanOrEqual(2);
		expect(growth.some((g) => Math.abs(g - 0.25) < 1e-9)).toBe(true);
		expect(teachers.some((t) => lastYear(t.id, 'entry') && !lastYear(t.id, 'final'))).toBe(true);
	});

	it('fills deficits, plans and actions with every status the screens show', () => {
		expect(new Set(data.deficits.map((x) => x.status))).toEqual(
			new Set(['proposed', 'identified', 'in_progress', 'overcome'])
		);
		for (const source of ['self_assessment', 'gia_analysis', 'lesson_observation', 'vsoko']) {
			expect(
				data.deficits.some((x) => x.source === source),
				source
			).toBe(true);
		}
		const teachers = teachersOf(data);
		const active = data.plans.filter((p) => p.academicYear === 2026 && p.status === 'active');
		expect(active.length).toBeGreaterThan(teachers.length / 2);
		expect(data.plans.some((p) => p.academicYear === 2025 && p.status === 'completed')).toBe(true);
		for (const plan of data.plans) {
			const count = data.actions.filter((a) => a.planId === plan.id).length;
			expect(count, plan.goals).toBeGreaterThanOrEqual(3);
			expect(count, plan.goals).toBeLessThanOrEqual(6);
		}
		const current = data.actions.filter((a) => active.some((p) => p.id === a.planId));
		for (const status of ['planned', 'in_progress', 'done'])
			expect(
				current.some((a) => a.status === status),
				status
			).toBe(true);
		const overdue = current.filter(
			(a) =>
				(a.status === 'planned' || a.status === 'in_progress') && a.deadline !== null && a.deadline < NOW.slice(0, 10)
		);
		expect(overdue.length).toBeGreaterThan(0);
		const done = data.actions.filter((a) => a.status === 'done');
		expect(done.every((a) => a.completedAt !== null && a.reflection !== '')).toBe(true);
		expect(done.some((a) => a.evidence.some((e) => e.kind === 'certificate' && /^\d{12}$/.test(e.value)))).toBe(true);
		expect(data.actions.some((a) => a.deficitId !== null && a.sourceObservationId !== null)).toBe(true);
	});

	it('tells the deficit history in order, ending at the current status', () => {
		for (const x of data.deficits) {
			expect(x.history.at(-1)?.status).toBe(x.status);
			const times = x.history.map((h) => Date.parse(h.at));
			expect(times).toEqual([...times].sort((a, b) => a - b));
		}
	});

	it('runs four or five active pairs and one completed last year, with sessions in the past', () => {
		const active = data.pairs.filter((p) => p.status === 'active');
		expect(active.length).toBeGreaterThanOrEqual(4);
		expect(active.length).toBeLessThanOrEqual(5);
		expect(active.some((p) => p.model === 'leader_struggling')).toBe(true);
		expect(data.pairs.filter((p) => p.status === 'completed')).toHaveLength(1);
		for (const pair of active) {
			const sessions = data.sessions.filter((s) => s.pairId === pair.id);
			expect(sessions.length).toBeGreaterThanOrEqual(2);
			expect(sessions.length).toBeLessThanOrEqual(6);
			const dates = pair.plannedMeetings.map((m) => m.date);
			expect(dates.some((d) => d < NOW) && dates.some((d) => d > NOW)).toBe(true);
		}
		expect(data.sessions.some((s) => s.acknowledgedAt !== null)).toBe(true);
	});

	it('plans every meeting within its pair’s term, so a programme saved unchanged is valid', () => {
		for (const pair of data.pairs) {
			for (const m of pair.plannedMeetings) {
				expect(m.date >= pair.startDate, `${m.date} before ${pair.startDate}`).toBe(true);
				if (pair.endDate) expect(m.date <= pair.endDate).toBe(true);
			}
		}
	});

	it('records 8–12 lesson observations, some linked to deficits and actions, some acknowledged', () => {
		expect(data.observations.length).toBeGreaterThanOrEqual(8);
		expect(data.observations.length).toBeLessThanOrEqual(12);
		expect(data.observations.every((o) => o.recommendations.length >= 1 && o.recommendations.length <= 3)).toBe(true);
		const recommendations = data.observations.flatMap((o) => o.recommendations);
		expect(recommendations.some((r) => r.deficitId !== null && r.actionId !== null)).toBe(true);
		expect(data.deficits.some((x) => x.sourceObservationId !== null)).toBe(true);
		expect(data.deficits.some((x) => x.confirmedAt !== null)).toBe(true);
		expect(data.observations.some((o) => o.acknowledgedAt !== null && o.reflection !== '')).toBe(true);
		expect(new Set(data.observations.map((o) => o.observerRole))).toEqual(new Set(['mentor', 'methodist', 'peer']));
		expect(data.comments.length).toBeGreaterThan(0);
	});

	it('fills the portfolio with courses, communities, competitions, open lessons and publications', () => {
		const kinds = new Set<string>(data.activities.map((a) => a.kind));
		for (const kind of ['course', 'community', 'competition', 'open_lesson', 'publication'])
			expect(kinds.has(kind), kind).toBe(true);
		const courses = data.activities.filter((a) => a.kind === 'course');
		expect(courses.some((a) => a.qualityRelated && a.completed)).toBe(true);
		expect(
			courses
				.filter((a) => a.completed)
				.every((a) => a.endDate !== null && a.hours !== null && a.hours >= 16 && a.hours <= 72)
		).toBe(true);
		expect(new Set(data.activities.filter((a) => a.kind === 'competition').map((a) => a.result))).toEqual(
			new Set(['участник', 'призёр', 'победитель'])
		);
	});

	describe.each(FRAMEWORKS)('with %s framework', (_, framework) => {
		describe.each([NOW, ...OTHER_NOWS])('at %s', (now) => {
			const d = generateDemoSchool({ framework, now });
			const year = academicStartYear(now);

			it('keeps every reference pointing at an existing row', () => {
				expect(integrityProblems(d, framework)).toEqual([]);
			});

			it('scores every framework indicator 0–3 in a submitted assessment, and only framework indicators', () => {
				const known = framework.competencies.flatMap((c) => c.indicators.map((i) => i.id));
				for (const a of d.assessments) {
					const keys = Object.keys(a.scores);
					expect(keys.every((k) => known.includes(k))).toBe(true);
					expect(Object.values(a.scores).every((s) => [0, 1, 2, 3].includes(s))).toBe(true);
					if (a.status === 'submitted') expect(keys.sort()).toEqual([...known].sort());
				}
				for (const o of d.observations) expect(Object.keys(o.scores).every((k) => known.includes(k))).toBe(true);
			});

			it('gives every teacher a submitted entry this year, and the guest a draft besides', () => {
				for (const t of teachersOf(d)) {
					expect(
						d.assessments.some(
							(a) => a.teacherId === t.id && a.academicYear === year && a.stage === 'entry' && a.status === 'submitted'
						)
					).toBe(true);
				}
				expect(
					d.assessments.some((a) => a.teacherId === d.guestProfileId && a.academicYear === year && a.status === 'draft')
				).toBe(true);
			});

			it('puts nothing after now except deadlines and planned dates', () => {
				expect(futureDates(d, now)).toEqual([]);
			});

			it('dates each academic year’s rows inside that year', () => {
				const start = Date.UTC(year, 8, 1);
				for (const a of d.assessments.filter((x) => x.academicYear === year))
					expect(Date.parse(a.startedAt)).toBeGreaterThanOrEqual(start);
				for (const plan of d.plans) {
					for (const a of d.actions.filter((x) => x.planId === plan.id)) {
						const deadline = a.deadline ?? '';
						expect(
							deadline >= `${plan.academicYear}-09-01` && deadline <= `${plan.academicYear + 1}-08-31`,
							a.title
						).toBe(true);
					}
				}
			});

			it('makes every id a valid UUID v4 and every row a fresh, live version 1', () => {
				const nested = [
					...d.actions.flatMap((a) => a.evidence),
					...d.observations.flatMap((o) => o.recommendations)
				].map((x) => x.id);
				const userIds = d.profiles.flatMap((p) => (p.userId ? [p.userId] : []));
				for (const id of [...allRows(d).map(([, r]) => r.id), ...nested, ...userIds]) expect(id).toMatch(UUID_V4);
				for (const [, row] of allRows(d)) expect(row).toMatchObject({ version: 1, deletedAt: null });
			});
		});
	});
});
