/**
 * Fixture: a municipality with two schools and every kind of person the privacy rules tell
 * apart, written as the superuser through the real invitation flow (profile with an e-mail first,
 * then the auth user, linked by the sign-up trigger). Row builders give valid snake_case rows.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_FRAMEWORK_ID } from '../../src/lib/domain/frameworks/default-id';
import { insertRow, type Queryable } from './cluster';

export const ACTOR_NAMES = [
	'owner',
	'colleague',
	'mentor',
	'formerMentor',
	'methodist',
	'otherMethodist',
	'municipalMethodist',
	'admin'
] as const;
export type ActorName = (typeof ACTOR_NAMES)[number];

export interface Person {
	/** auth.users id: what the JWT's sub carries (asUser, pgTransport). */
	userId: string;
	/** profiles id: what teacher_id, mentor_id, … hold. */
	profileId: string;
	email: string;
}

export interface Actors {
	region: string;
	municipality: string;
	/** The owner's school (school A). */
	school: string;
	/** Another school of the municipality (school B). */
	otherSchool: string;
	people: Record<ActorName, Person>;
	/** mentor → owner, active since 30 days ago, no end. */
	activePair: string;
	/** formerMentor → owner, completed 10 days ago. */
	endedPair: string;
}

export const id = (): string => randomUUID();

/** YYYY-MM-DD, `days` from today (UTC). */
export function day(days = 0): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// ——— Row builders: valid rows in server column names; overrides win ———

type Row = Record<string, unknown>;

export const build = {
	organization: (o: Row = {}): Row => ({
		id: id(),
		kind: 'school',
		name: 'Школа',
		short_name: null,
		parent_id: null,
		low_results: false,
		adverse_conditions: false,
		program500: false,
		...o
	}),
	profile: (o: Row = {}): Row => ({
		id: id(),
		full_name: 'Иванова Анна Петровна',
		email: null,
		school_id: null,
		association_id: null,
		position: 'учитель',
		subjects: ['математика'],
		experience_years: 5,
		category: 'first',
		category_expires_on: '2029-05-01',
		education: 'higher',
		birth_year: 1988,
		...o
	}),
	membership: (o: Row = {}): Row => ({ id: id(), role: 'teacher', ...o }),
	assessment: (o: Row = {}): Row => ({
		id: id(),
		assessor_id: null,
		framework_id: DEFAULT_FRAMEWORK_ID,
		framework_version: 1,
		kind: 'self',
		stage: 'entry',
		academic_year: 2026,
		status: 'draft',
		scores: { 'goal-setting.1': 2 },
		current_competency_id: 'goal-setting',
		started_at: '2026-09-20T10:00:00.000Z',
		submitted_at: null,
		...o
	}),
	deficit: (o: Row = {}): Row => ({
		id: id(),
		competency_id: 'evaluation',
		indicator_ids: ['evaluation.1'],
		source: 'self_assessment',
		description: 'Формирующее оценивание',
		status: 'identified',
		confirmed_at: null,
		source_assessment_id: null,
		source_observation_id: null,
		history: [{ status: 'identified', at: '2026-09-21T10:00:00.000Z', by: null }],
		...o
	}),
	plan: (o: Row = {}): Row => ({
		id: id(),
		academic_year: 2026,
		goals: 'Освоить формирующее оценивание',
		deficit_ids: [],
		status: 'active',
		approved_by: null,
		approved_at: null,
		...o
	}),
	action: (o: Row = {}): Row => ({
		id: id(),
		deficit_id: null,
		type: 'course',
		title: 'Курсы ПК по оцениванию',
		result_form: 'удостоверение',
		deadline: '2027-03-01',
		hours: 36,
		status: 'planned',
		evidence: [],
		reflection: '',
		completed_at: null,
		source_observation_id: null,
		...o
	}),
	activity: (o: Row = {}): Row => ({
		id: id(),
		kind: 'course',
		title: 'Функциональная грамотность',
		start_date: '2026-10-01',
		end_date: '2026-10-20',
		provider: 'ИРО',
		hours: 72,
		certificate: '0001',
		quality_related: true,
		completed: true,
		community_type: null,
		competition_level: null,
		result: '',
		...o
	}),
	pair: (o: Row = {}): Row => ({
		id: id(),
		model: 'experienced_young',
		start_date: day(-30),
		end_date: null,
		status: 'active',
		goals: 'Адаптация молодого специалиста',
		deficit_ids: [],
		planned_meetings: [{ date: day(7), topic: 'Разбор урока' }],
		expected_results: '',
		...o
	}),
	session: (o: Row = {}): Row => ({
		id: id(),
		date: day(-1),
		format: 'consultation',
		topic: 'Планирование урока',
		notes: 'Обсудили цели',
		duration_minutes: 45,
		next_steps: 'Подготовить технологическую карту',
		acknowledged_at: null,
		...o
	}),
	observation: (o: Row = {}): Row => ({
		id: id(),
		observer_role: 'mentor',
		mode: 'quick',
		status: 'submitted',
		date: day(-2),
		class_name: '7А',
		subject: 'математика',
		topic: 'Линейные уравнения',
		purpose: 'Оценивание на уроке',
		framework_id: DEFAULT_FRAMEWORK_ID,
		framework_version: 1,
		scores: { 'evaluation.1': 1 },
		duration_minutes: 45,
		strengths: 'Темп',
		notes: '',
		recommendations: [],
		acknowledged_at: null,
		reflection: '',
		...o
	}),
	comment: (o: Row = {}): Row => ({ id: id(), target_table: 'deficits', body: 'Согласен', ...o })
};

/**
 * Adds an auth user for an invited profile; the sign-up triggers link it by e-mail. Returns the
 * auth user id. The password is 'password' (bcrypt through pgcrypto, like GoTrue).
 */
export async function signUp(db: Queryable, email: string): Promise<string> {
	const userId = id();
	await db.query(
		`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
		 values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
		         extensions.crypt('password', extensions.gen_salt('bf', 4)), now(), '{"provider":"email","providers":["email"]}', '{}')`,
		[userId, email]
	);
	return userId;
}

/** Writes the organisations, people, memberships and the two pairs. */
export async function createActors(db: Queryable): Promise<Actors> {
	const region = id();
	const municipality = id();
	const school = id();
	const otherSchool = id();
	await insertRow(db, 'organizations', build.organization({ id: region, kind: 'region', name: 'Тестовая область' }));
	await insertRow(
		db,
		'organizations',
		build.organization({ id: municipality, kind: 'municipality', name: 'Тестовый округ', parent_id: region })
	);
	await insertRow(
		db,
		'organizations',
		build.organization({ id: school, name: 'Школа № 1', parent_id: municipality, low_results: true })
	);
	await insertRow(
		db,
		'organizations',
		build.organization({ id: otherSchool, name: 'Школа № 2', parent_id: municipality })
	);

	const schoolOf: Record<ActorName, string | null> = {
		owner: school,
		colleague: school,
		mentor: school,
		formerMentor: school,
		methodist: school,
		otherMethodist: otherSchool,
		municipalMethodist: null,
		admin: null
	};
	const roles: Record<ActorName, [string, string][]> = {
		owner: [['teacher', school]],
		colleague: [['teacher', school]],
		mentor: [
			['teacher', school],
			['mentor', school]
		],
		formerMentor: [
			['teacher', school],
			['mentor', school]
		],
		methodist: [['school_methodist', school]],
		otherMethodist: [['school_methodist', otherSchool]],
		municipalMethodist: [['municipal_methodist', municipality]],
		admin: [['admin', region]]
	};
	const people = {} as Record<ActorName, Person>;
	const tag = id().slice(0, 8);
	for (const name of ACTOR_NAMES) {
		const profileId = id();
		const email = `${name.toLowerCase()}.${tag}@example.test`;
		await insertRow(
			db,
			'profiles',
			build.profile({ id: profileId, email, school_id: schoolOf[name], full_name: `Actor ${name}` })
		);
		for (const [role, org] of roles[name]) {
			await insertRow(db, 'memberships', build.membership({ profile_id: profileId, organization_id: org, role }));
		}
		people[name] = { userId: await signUp(db, email), profileId, email };
	}
	const activePair = id();
	const endedPair = id();
	await insertRow(
		db,
		'mentoring_pairs',
		build.pair({
			id: activePair,
			school_id: school,
			mentor_id: people.mentor.profileId,
			mentee_id: people.owner.profileId
		})
	);
	await insertRow(
		db,
		'mentoring_pairs',
		build.pair({
			id: endedPair,
			school_id: school,
			mentor_id: people.formerMentor.profileId,
			mentee_id: people.owner.profileId,
			start_date: day(-200),
			end_date: day(-10),
			status: 'completed'
		})
	);
	return { region, municipality, school, otherSchool, people, activePair, endedPair };
}

/** One row of every teacher-related table about the owner, written as the superuser. */
export interface OwnerRows {
	assessment: string;
	deficit: string;
	plan: string;
	action: string;
	activity: string;
	session: string;
	observation: string;
	comment: string;
	membership: string;
}

export async function createOwnerRows(db: Queryable, a: Actors): Promise<OwnerRows> {
	const owner = a.people.owner.profileId;
	const rows: OwnerRows = {
		assessment: id(),
		deficit: id(),
		plan: id(),
		action: id(),
		activity: id(),
		session: id(),
		observation: id(),
		comment: id(),
		membership: id()
	};
	await insertRow(db, 'assessments', build.assessment({ id: rows.assessment, teacher_id: owner }));
	await insertRow(db, 'deficits', build.deficit({ id: rows.deficit, teacher_id: owner }));
	await insertRow(
		db,
		'development_plans',
		build.plan({ id: rows.plan, teacher_id: owner, deficit_ids: [rows.deficit] })
	);
	await insertRow(db, 'plan_actions', build.action({ id: rows.action, plan_id: rows.plan, teacher_id: owner }));
	await insertRow(db, 'activities', build.activity({ id: rows.activity, teacher_id: owner }));
	await insertRow(
		db,
		'mentoring_sessions',
		build.session({ id: rows.session, pair_id: a.activePair, mentor_id: a.people.mentor.profileId, mentee_id: owner })
	);
	await insertRow(
		db,
		'observations',
		build.observation({ id: rows.observation, observer_id: a.people.mentor.profileId, teacher_id: owner })
	);
	await insertRow(
		db,
		'comments',
		build.comment({ id: rows.comment, target_table: 'deficits', target_id: rows.deficit, author_id: owner })
	);
	const membership = await db.query(`select id from public.memberships where profile_id = $1 limit 1`, [owner]);
	rows.membership = membership.rows[0].id as string;
	return rows;
}
