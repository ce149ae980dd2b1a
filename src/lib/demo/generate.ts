/**
 * The demo school: a deterministic, realistic dataset for the guest mode, so a newcomer sees every
 * screen of «Траектория» populated — a ШНОР school of the Vologda region with four ШМО, 25
 * teachers, two academic years of monitoring, deficits, ИОМ, mentoring and lesson observations.
 *
 * Pure: time and ids come from the arguments (`now`, `seed`, `newId`); the same inputs give the
 * same rows. Every date is derived from `now`, so the story stays coherent on any day of any year.
 */
import type { Activity, CommunityType, CompetitionLevel } from '$lib/domain/activity';
import type { Assessment, Scores } from '$lib/domain/assessment';
import type { Comment } from '$lib/domain/comment';
import type { Id, IsoDate, IsoDateTime, SyncedRow } from '$lib/domain/common';
import type { Deficit, DeficitSource, DeficitStatus } from '$lib/domain/deficit';
import type { ActionStatus, ActionType, DevelopmentPlan, Evidence, PlanAction } from '$lib/domain/development-plan';
import type { Competency, Framework, Score } from '$lib/domain/framework';
import type { Membership, Role } from '$lib/domain/membership';
import type {
	MentoringModel,
	MentoringPair,
	MentoringSession,
	PlannedMeeting,
	SessionFormat
} from '$lib/domain/mentoring';
import type { Observation, ObservationMode, ObserverRole, Recommendation } from '$lib/domain/observation';
import type { Organization } from '$lib/domain/organization';
import type { Category, EducationLevel, Profile } from '$lib/domain/profile';
import type { Recommendation as AddressedRecommendation } from '$lib/domain/recommendation';

export interface DemoDataset {
	/** The person the guest plays: a mathematics teacher who mentors two young specialists. */
	guestProfileId: Id;
	/** The school's methodist (заместитель директора по УВР). */
	methodistProfileId: Id;
	organizations: Organization[];
	memberships: Membership[];
	profiles: Profile[];
	assessments: Assessment[];
	deficits: Deficit[];
	plans: DevelopmentPlan[];
	actions: PlanAction[];
	activities: Activity[];
	pairs: MentoringPair[];
	sessions: MentoringSession[];
	observations: Observation[];
	comments: Comment[];
	/** Addressed recommendations (адресные рекомендации) of the school and the municipal methodists. */
	recommendations: AddressedRecommendation[];
}

export interface DemoOptions {
	framework: Framework;
	now: IsoDateTime;
	seed?: number;
	newId?: () => Id;
}

export const DEFAULT_DEMO_SEED = 20261122;

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Data tables
// ─────────────────────────────────────────────────────────────────────────────────────────────────

const REGION = 'Вологодская область';
const MUNICIPALITY = { name: 'Сокольский муниципальный округ', shortName: 'Сокольский МО' };
const SCHOOL = { name: 'МБОУ «Кадниковская средняя школа»', shortName: 'Кадниковская СШ' };
/** Neighbours make the municipality's lists look real; nobody from them is in the dataset. */
const OTHER_SCHOOLS = [
	{
		name: 'МБОУ «Сокольская средняя школа № 1»',
		shortName: 'Сокольская СШ № 1',
		lowResults: false,
		adverseConditions: false
	},
	{ name: 'МБОУ «Чучковская основная школа»', shortName: 'Чучковская ОШ', lowResults: true, adverseConditions: true }
] as const;
const SCHOOL_DOMAIN = 'kadnikov-school.ru';
const MUNICIPAL_DOMAIN = 'sokol-imc.ru';

const PROVIDERS = {
	viro: 'АОУ ВО ДПО «Вологодский институт развития образования»',
	academy: 'ФГАОУ ДПО «Академия Минпросвещения России»',
	imc: 'МКУ «Информационно-методический центр» Сокольского муниципального округа'
} as const;
type ProviderKey = keyof typeof PROVIDERS;
/** Registration-number prefixes of the certificates (удостоверения) each provider issues. */
const CERTIFICATE_PREFIX: Record<ProviderKey, string> = { viro: '352400', academy: '772400', imc: '352500' };

type AssociationKey = 'primary' | 'russian' | 'math' | 'science';
const ASSOCIATIONS: readonly { key: AssociationKey; name: string; shortName: string }[] = [
	{ key: 'primary', name: 'ШМО учителей начальных классов', shortName: 'ШМО начальных классов' },
	{ key: 'russian', name: 'ШМО учителей русского языка и литературы', shortName: 'ШМО русского языка и литературы' },
	{ key: 'math', name: 'ШМО учителей математики и информатики', shortName: 'ШМО математики и информатики' },
	{ key: 'science', name: 'ШМО учителей естественно-научного цикла', shortName: 'ШМО естественно-научного цикла' }
];

interface Course {
	title: string;
	hours: number;
	provider: ProviderKey;
	qualityRelated: boolean;
}

interface Lesson {
	className: string;
	subject: string;
	topic: string;
}

type SubjectKey = 'primary' | 'russian' | 'math' | 'informatics' | 'physics' | 'chemistry' | 'biology' | 'geography';

interface SubjectInfo {
	association: AssociationKey;
	position: string;
	subjects: readonly string[];
	/** «РМО учителей …». */
	genitive: string;
	/** Matched against a subject competency's id and title to find the teacher's own one. */
	keywords: readonly string[];
	course: Course;
	lessons: readonly Lesson[];
}

const SUBJECTS: Record<SubjectKey, SubjectInfo> = {
	primary: {
		association: 'primary',
		position: 'учитель начальных классов',
		subjects: ['русский язык', 'математика', 'литературное чтение', 'окружающий мир'],
		genitive: 'начальных классов',
		keywords: ['primary', 'начальн'],
		course: {
			title: 'Развитие функциональной грамотности младших школьников',
			hours: 72,
			provider: 'viro',
			qualityRelated: true
		},
		lessons: [
			{ className: '2А', subject: 'русский язык', topic: 'Правописание парных согласных в корне слова' },
			{ className: '3Б', subject: 'математика', topic: 'Внетабличное умножение и деление' },
			{ className: '4А', subject: 'окружающий мир', topic: 'Природные зоны России' },
			{ className: '1Б', subject: 'обучение грамоте', topic: 'Звук [ш], буква Ш' }
		]
	},
	russian: {
		association: 'russian',
		position: 'учитель русского языка и литературы',
		subjects: ['русский язык', 'литература'],
		genitive: 'русского языка и литературы',
		keywords: ['russian', 'literature', 'русск', 'литератур'],
		course: {
			title: 'Подготовка обучающихся к ГИА по русскому языку: работа с сочинением',
			hours: 36,
			provider: 'viro',
			qualityRelated: true
		},
		lessons: [
			{ className: '5А', subject: 'русский язык', topic: 'Морфемика: разбор слова по составу' },
			{ className: '6Б', subject: 'русский язык', topic: 'Правописание приставок пре- и при-' },
			{ className: '8А', subject: 'литература', topic: 'А. С. Пушкин «Капитанская дочка»: образ Петра Гринёва' },
			{
				className: '9Б',
				subject: 'русский язык',
				topic: 'Сложноподчинённые предложения с придаточными изъяснительными'
			}
		]
	},
	math: {
		association: 'math',
		position: 'учитель математики',
		subjects: ['математика', 'алгебра', 'геометрия'],
		genitive: 'математики',
		keywords: ['math', 'матем', 'алгебр', 'геометр'],
		course: { title: 'Формирующее оценивание на уроках математики', hours: 36, provider: 'viro', qualityRelated: true },
		lessons: [
			{ className: '6А', subject: 'математика', topic: 'Сложение и вычитание дробей с разными знаменателями' },
			{ className: '7Б', subject: 'алгебра', topic: 'Линейное уравнение с одной переменной' },
			{ className: '8А', subject: 'геометрия', topic: 'Теорема Пифагора' },
			{ className: '9А', subject: 'алгебра', topic: 'Решение неравенств второй степени' }
		]
	},
	informatics: {
		association: 'math',
		position: 'учитель информатики',
		subjects: ['информатика'],
		genitive: 'информатики',
		keywords: ['informatics', 'computer', 'информатик'],
		course: {
			title: 'Преподавание программирования на Python в основной школе',
			hours: 48,
			provider: 'academy',
			qualityRelated: false
		},
		lessons: [
			{ className: '7А', subject: 'информатика', topic: 'Кодирование текстовой информации' },
			{ className: '8Б', subject: 'информатика', topic: 'Алгоритмы с ветвлением на языке Python' },
			{ className: '9А', subject: 'информатика', topic: 'Электронные таблицы: относительные и абсолютные ссылки' }
		]
	},
	physics: {
		association: 'science',
		position: 'учитель физики',
		subjects: ['физика'],
		genitive: 'физики',
		keywords: ['physics', 'физик'],
		course: {
			title: 'Школьный физический эксперимент с использованием цифровых лабораторий',
			hours: 36,
			provider: 'viro',
			qualityRelated: false
		},
		lessons: [
			{ className: '7Б', subject: 'физика', topic: 'Сила трения' },
			{ className: '8А', subject: 'физика', topic: 'Закон Ома для участка цепи' },
			{ className: '9Б', subject: 'физика', topic: 'Равноускоренное прямолинейное движение' }
		]
	},
	chemistry: {
		association: 'science',
		position: 'учитель химии',
		subjects: ['химия'],
		genitive: 'химии',
		keywords: ['chemistry', 'хими'],
		course: {
			title: 'Решение расчётных задач по химии: подготовка к ОГЭ и ЕГЭ',
			hours: 24,
			provider: 'viro',
			qualityRelated: true
		},
		lessons: [
			{ className: '8Б', subject: 'химия', topic: 'Количество вещества. Моль' },
			{ className: '9А', subject: 'химия', topic: 'Реакции ионного обмена' },
			{ className: '10А', subject: 'химия', topic: 'Предельные углеводороды: алканы' }
		]
	},
	biology: {
		association: 'science',
		position: 'учитель биологии',
		subjects: ['биология'],
		genitive: 'биологии',
		keywords: ['biology', 'биолог'],
		course: {
			title: 'Естественно-научная грамотность на уроках биологии',
			hours: 36,
			provider: 'viro',
			qualityRelated: true
		},
		lessons: [
			{ className: '5Б', subject: 'биология', topic: 'Строение растительной клетки' },
			{ className: '7А', subject: 'биология', topic: 'Тип Членистоногие' },
			{ className: '9Б', subject: 'биология', topic: 'Нервная система человека' }
		]
	},
	geography: {
		association: 'science',
		position: 'учитель географии',
		subjects: ['география'],
		genitive: 'географии',
		keywords: ['geography', 'географ'],
		course: {
			title: 'Работа с картографическими источниками на уроках географии',
			hours: 16,
			provider: 'viro',
			qualityRelated: false
		},
		lessons: [
			{ className: '6А', subject: 'география', topic: 'Гидросфера: реки и озёра' },
			{ className: '7А', subject: 'география', topic: 'Африка: природные зоны' },
			{ className: '8Б', subject: 'география', topic: 'Климат России' }
		]
	}
};

/** How last year's monitoring went, which decides what last year's rows look like. */
type LastYear =
	/** entry and final, final at least +0.3 in the meta group; some deficits overcome */
	| 'grows'
	/** entry and final, final exactly +0.25 in the meta group when the framework allows it */
	| 'exact'
	/** entry and final, little change */
	| 'flat'
	/** entry only: the «нет данных» case of the growth indicator */
	| 'entry_only'
	/** not at the school last year */
	| 'new';

interface StaffRow {
	key: string;
	fullName: string;
	subject: SubjectKey;
	position?: string;
	experience: number;
	/** Age at `now`; birth years follow `now`, so the age bands hold on any date. */
	age: number;
	category: Category;
	/** Months from `now` to the category's expiry (ignored for 'none'). */
	categoryMonths: number;
	education: EducationLevel;
	/** Share of indicators outside the deficits scored 3 rather than 2. */
	strength: number;
	/** How many competencies show a deficit at this year's entry self-assessment. */
	weak: number;
	lastYear: LastYear;
	/** Staff are imported before they are invited: a few have no account yet. */
	invited: boolean;
	/** This year's ИОМ; active unless stated. */
	plan?: 'draft' | 'none';
}

const GUEST_KEY = 'smirnova';
const METHODIST_KEY = 'lebedeva';

const STAFF: readonly StaffRow[] = [
	// ШМО учителей начальных классов
	{
		key: 'kuznetsova',
		fullName: 'Кузнецова Татьяна Владимировна',
		subject: 'primary',
		experience: 34,
		age: 58,
		category: 'highest',
		categoryMonths: 30,
		education: 'higher',
		strength: 0.75,
		weak: 0,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'popova',
		fullName: 'Попова Галина Ивановна',
		subject: 'primary',
		experience: 44,
		age: 66,
		category: 'first',
		categoryMonths: 20,
		education: 'vocational',
		strength: 0.5,
		weak: 2,
		lastYear: 'entry_only',
		invited: false
	},
	{
		key: 'vasilieva',
		fullName: 'Васильева Анна Сергеевна',
		subject: 'primary',
		experience: 0,
		age: 22,
		category: 'none',
		categoryMonths: 0,
		education: 'vocational',
		strength: 0.05,
		weak: 3,
		lastYear: 'new',
		invited: true
	},
	{
		key: 'sokolova',
		fullName: 'Соколова Ирина Михайловна',
		subject: 'primary',
		experience: 12,
		age: 38,
		category: 'first',
		categoryMonths: 40,
		education: 'higher',
		strength: 0.45,
		weak: 1,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'mikhailova',
		fullName: 'Михайлова Наталья Юрьевна',
		subject: 'primary',
		experience: 7,
		age: 31,
		category: 'first',
		categoryMonths: 2,
		education: 'higher',
		strength: 0.35,
		weak: 2,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'novikova',
		fullName: 'Новикова Ксения Андреевна',
		subject: 'primary',
		experience: 1,
		age: 23,
		category: 'none',
		categoryMonths: 0,
		education: 'higher',
		strength: 0.1,
		weak: 3,
		lastYear: 'entry_only',
		invited: true
	},
	{
		key: 'fedorova',
		fullName: 'Фёдорова Людмила Петровна',
		subject: 'primary',
		experience: 24,
		age: 49,
		category: 'highest',
		categoryMonths: 50,
		education: 'higher',
		strength: 0.65,
		weak: 1,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'kovaleva',
		fullName: 'Ковалёва Вера Алексеевна',
		subject: 'primary',
		experience: 10,
		age: 36,
		category: 'first',
		categoryMonths: 18,
		education: 'vocational',
		strength: 0.35,
		weak: 2,
		lastYear: 'flat',
		invited: true
	},
	// ШМО учителей русского языка и литературы
	{
		key: 'lebedeva',
		fullName: 'Лебедева Ольга Николаевна',
		subject: 'russian',
		position: 'заместитель директора по УВР, учитель русского языка и литературы',
		experience: 27,
		age: 52,
		category: 'highest',
		categoryMonths: 44,
		education: 'higher',
		strength: 0.8,
		weak: 0,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'morozova',
		fullName: 'Морозова Светлана Геннадьевна',
		subject: 'russian',
		experience: 19,
		age: 44,
		category: 'highest',
		categoryMonths: 16,
		education: 'higher',
		strength: 0.7,
		weak: 1,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'volkova',
		fullName: 'Волкова Юлия Александровна',
		subject: 'russian',
		experience: 2,
		age: 24,
		category: 'none',
		categoryMonths: 0,
		education: 'higher',
		strength: 0.15,
		weak: 3,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'alekseev',
		fullName: 'Алексеев Игорь Валентинович',
		subject: 'russian',
		experience: 33,
		age: 61,
		category: 'first',
		categoryMonths: 26,
		education: 'higher',
		strength: 0.45,
		weak: 2,
		lastYear: 'entry_only',
		invited: false,
		plan: 'none'
	},
	{
		key: 'grigorieva',
		fullName: 'Григорьева Елена Олеговна',
		subject: 'russian',
		experience: 9,
		age: 35,
		category: 'conformity',
		categoryMonths: 36,
		education: 'higher',
		strength: 0.3,
		weak: 2,
		lastYear: 'flat',
		invited: true
	},
	{
		key: 'stepanov',
		fullName: 'Степанов Роман Евгеньевич',
		subject: 'russian',
		experience: 4,
		age: 27,
		category: 'conformity',
		categoryMonths: 48,
		education: 'higher',
		strength: 0.25,
		weak: 2,
		lastYear: 'grows',
		invited: true
	},
	// ШМО учителей математики и информатики
	{
		key: 'smirnova',
		fullName: 'Смирнова Елена Викторовна',
		subject: 'math',
		position: 'учитель математики, руководитель ШМО',
		experience: 18,
		age: 43,
		category: 'highest',
		categoryMonths: 34,
		education: 'higher',
		strength: 0.75,
		weak: 4,
		lastYear: 'grows',
		invited: false
	},
	{
		key: 'kornilov',
		fullName: 'Корнилов Артём Денисович',
		subject: 'math',
		experience: 1,
		age: 23,
		category: 'none',
		categoryMonths: 0,
		education: 'higher',
		strength: 0.1,
		weak: 3,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'belova',
		fullName: 'Белова Дарья Сергеевна',
		subject: 'informatics',
		experience: 0,
		age: 22,
		category: 'none',
		categoryMonths: 0,
		education: 'higher',
		strength: 0.1,
		weak: 3,
		lastYear: 'new',
		invited: false,
		plan: 'draft'
	},
	{
		key: 'nikitin',
		fullName: 'Никитин Сергей Павлович',
		subject: 'math',
		experience: 29,
		age: 57,
		category: 'first',
		categoryMonths: 12,
		education: 'higher',
		strength: 0.55,
		weak: 2,
		lastYear: 'flat',
		invited: true
	},
	{
		key: 'orlova',
		fullName: 'Орлова Марина Игоревна',
		subject: 'math',
		experience: 14,
		age: 40,
		category: 'first',
		categoryMonths: 22,
		education: 'higher',
		strength: 0.45,
		weak: 1,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'zakharov',
		fullName: 'Захаров Денис Олегович',
		subject: 'informatics',
		experience: 6,
		age: 29,
		category: 'conformity',
		categoryMonths: 28,
		education: 'higher',
		strength: 0.3,
		weak: 2,
		lastYear: 'flat',
		invited: true
	},
	// ШМО учителей естественно-научного цикла
	{
		key: 'pavlova',
		fullName: 'Павлова Валентина Николаевна',
		subject: 'biology',
		experience: 38,
		age: 61,
		category: 'highest',
		categoryMonths: 13,
		education: 'higher',
		strength: 0.8,
		weak: 0,
		lastYear: 'grows',
		invited: true,
		plan: 'none'
	},
	{
		key: 'semenov',
		fullName: 'Семёнов Алексей Викторович',
		subject: 'chemistry',
		experience: 12,
		age: 37,
		category: 'conformity',
		categoryMonths: 30,
		education: 'higher',
		strength: 0.15,
		weak: 3,
		lastYear: 'flat',
		invited: true
	},
	{
		key: 'egorova',
		fullName: 'Егорова Ольга Дмитриевна',
		subject: 'geography',
		experience: 16,
		age: 41,
		category: 'first',
		categoryMonths: 38,
		education: 'higher',
		strength: 0.5,
		weak: 1,
		lastYear: 'exact',
		invited: true
	},
	{
		key: 'makarova',
		fullName: 'Макарова Надежда Валерьевна',
		subject: 'physics',
		experience: 21,
		age: 46,
		category: 'highest',
		categoryMonths: 56,
		education: 'higher',
		strength: 0.7,
		weak: 1,
		lastYear: 'grows',
		invited: true
	},
	{
		key: 'tikhonov',
		fullName: 'Тихонов Владимир Анатольевич',
		subject: 'physics',
		experience: 3,
		age: 26,
		category: 'none',
		categoryMonths: 0,
		education: 'higher',
		strength: 0.25,
		weak: 2,
		lastYear: 'grows',
		invited: true
	}
];

/** The municipal methodist sees aggregates only; she teaches nowhere. */
const MUNICIPAL_METHODIST = {
	fullName: 'Шестакова Алла Борисовна',
	position: 'методист МКУ «Информационно-методический центр»',
	experience: 30,
	age: 54
};

/**
 * Themes give texts a meaning that matches the competency. The default framework's competencies
 * are recognised by keywords; unknown meta competencies get a theme in turn.
 */
type Theme =
	'goals' | 'motivation' | 'information' | 'technology' | 'methods' | 'communication' | 'evaluation' | 'subject';
const META_THEMES: readonly Exclude<Theme, 'subject'>[] = [
	'goals',
	'motivation',
	'information',
	'technology',
	'methods',
	'communication',
	'evaluation'
];
const THEME_KEYWORDS: Record<Exclude<Theme, 'subject'>, readonly string[]> = {
	goals: ['goal', 'целепол'],
	motivation: ['motiv', 'мотив'],
	information: ['inform', 'информац', 'digital', 'цифров'],
	technology: ['techn', 'технолог'],
	methods: ['method', 'методич'],
	communication: ['commun', 'коммуник'],
	evaluation: ['assess', 'evaluat', 'оцен']
};

interface ThemeTexts {
	deficit: string;
	/** A clause of a plan's goals, lower case. */
	goal: string;
	selfStudy: string;
	recommendations: readonly [string, string];
	/** null for 'subject': the teacher's own subject course is used. */
	course: Course | null;
}

const THEMES: Record<Theme, ThemeTexts> = {
	goals: {
		deficit: 'Затруднения в постановке диагностичных целей урока и их соотнесении с планируемыми результатами ФГОС',
		goal: 'научиться формулировать диагностичные цели урока и соотносить их с планируемыми результатами',
		selfStudy: 'Самообразование: таксономия учебных целей и планируемые результаты ФГОС ООО',
		recommendations: [
			'Формулировать цель урока вместе с обучающимися через проблемную ситуацию, а не объявлять тему',
			'Возвращаться к цели урока на этапе рефлексии: что удалось, что нет'
		],
		course: {
			title: 'Проектирование урока в соответствии с требованиями обновлённых ФГОС',
			hours: 36,
			provider: 'viro',
			qualityRelated: true
		}
	},
	motivation: {
		deficit: 'Низкая учебная мотивация на уроках: преобладают репродуктивные задания, мало ситуаций успеха',
		goal: 'освоить приёмы повышения учебной мотивации и создания ситуации успеха',
		selfStudy: 'Самообразование: приёмы мотивации и создания ситуации успеха на уроке',
		recommendations: [
			'Использовать на этапе актуализации задания с жизненным контекстом, интересным классу',
			'Создавать для слабоуспевающих ситуацию успеха: посильное задание и публичная положительная оценка'
		],
		course: {
			title: 'Психолого-педагогические технологии повышения учебной мотивации',
			hours: 24,
			provider: 'academy',
			qualityRelated: false
		}
	},
	information: {
		deficit: 'Недостаточное использование цифровых образовательных ресурсов и ФГИС «Моя школа» в обучении',
		goal: 'систематически использовать ФГИС «Моя школа» и цифровые тренажёры на уроках и для домашней работы',
		selfStudy: 'Самообразование: сервисы ФГИС «Моя школа» и библиотека цифрового образовательного контента',
		recommendations: [
			'Использовать ЦОК ФГИС «Моя школа» для отработки навыка с автоматической проверкой',
			'Заменить переписывание текста с доски презентацией с опорными схемами'
		],
		course: {
			title: 'Цифровая образовательная среда: ФГИС «Моя школа» в работе учителя',
			hours: 24,
			provider: 'academy',
			qualityRelated: false
		}
	},
	technology: {
		deficit:
			'Ограниченный набор педагогических технологий: преобладает фронтальная работа, редко используются групповая и проектная',
		goal: 'включить в практику групповую и проектную работу, технологию смыслового чтения',
		selfStudy: 'Самообразование: технология смыслового чтения и приёмы работы с текстом',
		recommendations: [
			'Сократить долю фронтальной работы: организовать работу в парах или группах с распределением ролей',
			'Использовать приёмы смыслового чтения (инсерт, таблица «знаю — хочу узнать — узнал»)'
		],
		course: {
			title: 'Технологии формирования функциональной грамотности обучающихся',
			hours: 72,
			provider: 'viro',
			qualityRelated: true
		}
	},
	methods: {
		deficit:
			'Затруднения в методическом конструировании урока: дифференциация заданий, работа с обучающимися разного уровня подготовки',
		goal: 'освоить дифференцированный подход и индивидуализацию заданий',
		selfStudy: 'Самообразование: дифференцированное обучение в классе с разным уровнем подготовки',
		recommendations: [
			'Предлагать задания двух-трёх уровней сложности и давать дифференцированное домашнее задание',
			'Выдерживать тайминг урока: оставлять не менее 7 минут на закрепление и рефлексию'
		],
		course: {
			title: 'Работа с обучающимися с трудностями в обучении',
			hours: 36,
			provider: 'viro',
			qualityRelated: true
		}
	},
	communication: {
		deficit: 'Затруднения в организации учебного диалога и взаимодействия обучающихся на уроке',
		goal: 'развивать учебный диалог и продуктивное взаимодействие обучающихся',
		selfStudy: 'Самообразование: приёмы организации учебного диалога и кооперативного обучения',
		recommendations: [
			'Задавать открытые вопросы и выдерживать паузу, давая время на размышление',
			'Распределять роли в группе (спикер, секретарь, хронометрист) и заранее оговаривать правила работы'
		],
		course: {
			title: 'Организация учебного сотрудничества: технологии кооперативного обучения',
			hours: 16,
			provider: 'viro',
			qualityRelated: false
		}
	},
	evaluation: {
		deficit:
			'Затруднения в применении формирующего оценивания: критерии не известны обучающимся заранее, мало само- и взаимооценки',
		goal: 'внедрить формирующее оценивание: критерии, листы самооценки, обратная связь',
		selfStudy:
			'Самообразование: инструменты формирующего оценивания (критериальные листы, «светофор», лист самооценки)',
		recommendations: [
			'Сообщать критерии оценивания до начала работы и использовать листы самооценки',
			'Давать развёрнутую обратную связь по работе, а не только отметку'
		],
		course: { title: 'Формирующее оценивание в современной школе', hours: 36, provider: 'viro', qualityRelated: true }
	},
	subject: {
		deficit: 'Предметные затруднения при решении и объяснении заданий повышенного уровня сложности',
		goal: 'повысить предметную подготовку по заданиям повышенного уровня ОГЭ и ЕГЭ',
		selfStudy: 'Самообразование: решение заданий повышенного уровня КИМ ОГЭ и ЕГЭ',
		recommendations: [
			'Включать в урок задания в формате ВПР и ОГЭ с разбором типичных ошибок',
			'Добиваться точного использования предметной терминологии в ответах обучающихся'
		],
		course: null
	}
};

/** Deficits a methodist records from outside data: ВПР/ГИА analysis and ВСОКО. */
const EXTERNAL_DEFICITS: readonly {
	teacher: string;
	source: DeficitSource;
	themes: readonly Theme[];
	/** `{year}` is the calendar year of last spring's tests. */
	description: string;
}[] = [
	{
		teacher: 'smirnova',
		source: 'gia_analysis',
		themes: ['subject', 'technology'],
		description:
			'По результатам ВПР-{year} по математике в 6-х классах: низкая доля верных ответов в заданиях на чтение диаграмм и текстовых задачах практического содержания.'
	},
	{
		teacher: 'nikitin',
		source: 'gia_analysis',
		themes: ['subject', 'methods'],
		description:
			'Анализ ОГЭ-{year} по математике: 38 % выпускников не приступили к заданиям второй части; требуется системная отработка заданий на алгебраические преобразования.'
	},
	{
		teacher: 'morozova',
		source: 'gia_analysis',
		themes: ['subject', 'evaluation'],
		description:
			'Анализ ОГЭ-{year} по русскому языку: средний балл за сочинение-рассуждение ниже регионального на 1,2 балла.'
	},
	{
		teacher: 'grigorieva',
		source: 'vsoko',
		themes: ['evaluation', 'methods'],
		description:
			'ВСОКО, I четверть: по итогам административной контрольной работы в 6-х классах доля отметок «2» — 24 %, значительное расхождение текущих и контрольных отметок.'
	},
	{
		teacher: 'zakharov',
		source: 'vsoko',
		themes: ['communication', 'methods'],
		description:
			'ВСОКО: по итогам анкетирования обучающихся 8-х классов низкая оценка понятности объяснения нового материала.'
	}
];

interface PairScript {
	mentor: string;
	mentee: string;
	model: MentoringModel;
	/** Nominal day of the current year (see Clock) the pairing started. */
	startDay: number;
	sessions: number;
	goals: string;
	expectedResults: string;
}

const YOUNG_GOALS =
	'Адаптация молодого специалиста в школе; освоение структуры современного урока и технологической карты; формирующее оценивание и работа с обучающимися разного уровня подготовки; подготовка открытого урока на ШМО.';
const YOUNG_RESULTS =
	'Самостоятельно проектирует уроки по технологической карте; применяет приёмы формирующего оценивания; проводит открытый урок на ШМО; прирост результатов самооценки не менее 0,25 балла к итоговой диагностике.';

const ACTIVE_PAIRS: readonly PairScript[] = [
	{
		mentor: 'smirnova',
		mentee: 'kornilov',
		model: 'experienced_young',
		startDay: 3.4,
		sessions: 5,
		goals: YOUNG_GOALS,
		expectedResults: YOUNG_RESULTS
	},
	{
		mentor: 'smirnova',
		mentee: 'belova',
		model: 'experienced_young',
		startDay: 3.4,
		sessions: 3,
		goals:
			'Адаптация молодого специалиста: рабочая программа по информатике, электронный журнал, ФГИС «Моя школа»; структура урока и организация практических работ за компьютером.',
		expectedResults: YOUNG_RESULTS
	},
	{
		mentor: 'kuznetsova',
		mentee: 'vasilieva',
		model: 'experienced_young',
		startDay: 3.5,
		sessions: 4,
		goals:
			'Адаптация молодого специалиста в начальной школе: планирование уроков, работа с родителями, организация учебной деятельности первоклассников и второклассников.',
		expectedResults: YOUNG_RESULTS
	},
	{
		mentor: 'morozova',
		mentee: 'volkova',
		model: 'experienced_young',
		startDay: 4.4,
		sessions: 4,
		goals:
			'Второй год сопровождения: подготовка обучающихся к ОГЭ по русскому языку, методика обучения сочинению-рассуждению, формирующее оценивание.',
		expectedResults:
			'Проводит открытый урок на ШМО; разрабатывает систему заданий для подготовки к сочинению; участвует в муниципальном конкурсе «Педагогический дебют».'
	},
	{
		mentor: 'pavlova',
		mentee: 'semenov',
		model: 'leader_struggling',
		startDay: 24.4,
		sessions: 3,
		goals:
			'Преодоление профессиональных затруднений в организации самостоятельной работы обучающихся и оценочной деятельности; снижение расхождения текущих и контрольных отметок.',
		expectedResults:
			'Использует критериальное оценивание и дифференцированные задания; доля обучающихся, выполнивших ВПР на «3» и выше, не ниже уровня прошлого года; участие в работе ТГПР.'
	}
];

/** Last year's pairing, completed in May: Тихонов was then in his second year. */
const PAST_PAIR: PairScript = {
	mentor: 'makarova',
	mentee: 'tikhonov',
	model: 'experienced_young',
	startDay: 10.4,
	sessions: 4,
	goals:
		'Сопровождение молодого специалиста: планирование уроков физики, организация лабораторных работ, подготовка обучающихся к ВПР.',
	expectedResults:
		'Самостоятельно проводит лабораторные работы с цифровой лабораторией; проводит открытый урок; участвует в конкурсе «Педагогический дебют».'
};

/** One meeting a month, September to May: the персонализированная программа наставничества. */
const MEETING_TOPICS: readonly string[] = [
	'Знакомство, составление персонализированной программы наставничества',
	'Рабочая программа и календарно-тематическое планирование',
	'Технологическая карта урока: структура и цели',
	'Формирующее оценивание: критерии и листы самооценки',
	'Посещение и разбор урока наставника',
	'Работа со слабоуспевающими обучающимися',
	'Подготовка к открытому уроку на ШМО',
	'Анализ результатов ВПР: типичные ошибки обучающихся',
	'Подведение итогов года, рефлексия, планы на следующий год'
];

const SESSION_SCRIPTS: readonly {
	format: SessionFormat;
	topic: string;
	notes: string;
	nextSteps: string;
	minutes: number;
}[] = [
	{
		format: 'consultation',
		topic: 'Согласование персонализированной программы наставничества',
		notes:
			'Обсудили результаты входной самооценки, выбрали два приоритетных дефицита, договорились о графике встреч: раз в две недели, по четвергам после шестого урока.',
		nextSteps: 'Подготовить вопросы по рабочей программе; посетить урок наставника.',
		minutes: 45
	},
	{
		format: 'joint_planning',
		topic: 'Совместное планирование урока по технологической карте',
		notes:
			'Разобрали структуру урока открытия нового знания, сформулировали цель через планируемые результаты, подобрали задания двух уровней сложности.',
		nextSteps: 'Провести урок по карте и отметить, какие этапы не уложились во время.',
		minutes: 60
	},
	{
		format: 'lesson_visit',
		topic: 'Посещение урока наставника',
		notes:
			'Молодой специалист посетил урок наставника и отметил приёмы организации групповой работы и самооценки по критериям.',
		nextSteps: 'Применить лист самооценки на своём уроке.',
		minutes: 45
	},
	{
		format: 'lesson_review',
		topic: 'Разбор посещённого урока',
		notes:
			'Цель урока достигнута частично: на закрепление не хватило времени, рефлексия проведена формально. Сильная сторона — доброжелательный контакт с классом.',
		nextSteps: 'Сократить объяснение до 12 минут, заранее подготовить карточки для закрепления.',
		minutes: 40
	},
	{
		format: 'master_class',
		topic: 'Мастер-класс «Приёмы формирующего оценивания»',
		notes:
			'Наставник показал приёмы «Светофор», «Лестница успеха», «Две звезды и пожелание»; отработали их на материале ближайшей темы.',
		nextSteps: 'Использовать не менее двух приёмов в течение двух недель и рассказать о результатах.',
		minutes: 50
	},
	{
		format: 'consultation',
		topic: 'Работа со слабоуспевающими обучающимися',
		notes:
			'Составили список обучающихся группы риска, обсудили индивидуальные маршруты и формы дополнительных занятий.',
		nextSteps: 'Подготовить карточки-тренажёры и провести две консультации до конца четверти.',
		minutes: 30
	},
	{
		format: 'consultation',
		topic: 'Анализ входной контрольной работы',
		notes: 'Разобрали типичные ошибки, сопоставили результаты с ВПР прошлого года, наметили темы для повторения.',
		nextSteps: 'Включить в уроки пятиминутки повторения по трём проблемным темам.',
		minutes: 40
	},
	{
		format: 'joint_planning',
		topic: 'Подготовка к открытому уроку на ШМО',
		notes: 'Выбрали тему и класс, обсудили цели и этапы, распределили, какие материалы готовит каждый.',
		nextSteps: 'Прислать черновик технологической карты за неделю до урока.',
		minutes: 55
	}
];

interface ObservationScript {
	label: string;
	observer: string;
	teacher: string;
	role: ObserverRole;
	mode: ObservationMode;
	status: 'draft' | 'submitted';
	year: 'current' | 'previous';
	/** Nominal day (see Clock); current-year observations that add plan actions come after every plan's approval. */
	day: number;
	purpose: string;
	/** What the first recommendation became: a new deficit with a plan action, a confirmation of a known deficit (with or without an action), or nothing yet. */
	link: 'new_deficit' | 'confirm' | 'confirm_with_action' | 'none';
	recommendations: 1 | 2 | 3;
	acknowledged: 'no' | 'yes' | 'with_reflection';
}

const OBSERVATIONS: readonly ObservationScript[] = [
	{
		label: 'grigorieva',
		observer: 'lebedeva',
		teacher: 'grigorieva',
		role: 'methodist',
		mode: 'full',
		status: 'submitted',
		year: 'current',
		day: 40.5,
		purpose: 'Тематический контроль: система оценивания и работа со слабоуспевающими обучающимися',
		link: 'confirm',
		recommendations: 2,
		acknowledged: 'yes'
	},
	{
		label: 'nikitin-peer',
		observer: 'orlova',
		teacher: 'nikitin',
		role: 'peer',
		mode: 'quick',
		status: 'submitted',
		year: 'current',
		day: 44.4,
		purpose: 'Взаимопосещение в рамках ШМО: подготовка к ОГЭ на уроке',
		link: 'none',
		recommendations: 1,
		acknowledged: 'yes'
	},
	{
		label: 'vasilieva',
		observer: 'kuznetsova',
		teacher: 'vasilieva',
		role: 'mentor',
		mode: 'full',
		status: 'submitted',
		year: 'current',
		day: 47.4,
		purpose: 'Методическая помощь молодому специалисту: организация учебной деятельности на уроке',
		link: 'confirm',
		recommendations: 3,
		acknowledged: 'with_reflection'
	},
	{
		label: 'kornilov',
		observer: 'smirnova',
		teacher: 'kornilov',
		role: 'mentor',
		mode: 'full',
		status: 'submitted',
		year: 'current',
		day: 49.4,
		purpose: 'Методическая помощь молодому специалисту: организация самостоятельной работы обучающихся',
		link: 'new_deficit',
		recommendations: 2,
		acknowledged: 'with_reflection'
	},
	{
		label: 'semenov',
		observer: 'lebedeva',
		teacher: 'semenov',
		role: 'methodist',
		mode: 'full',
		status: 'submitted',
		year: 'current',
		day: 51.4,
		purpose: 'Изучение системы работы учителя: подготовка обучающихся к ВПР',
		link: 'new_deficit',
		recommendations: 3,
		acknowledged: 'with_reflection'
	},
	{
		label: 'belova',
		observer: 'smirnova',
		teacher: 'belova',
		role: 'mentor',
		mode: 'full',
		status: 'submitted',
		year: 'current',
		day: 57.4,
		purpose: 'Методическая помощь молодому специалисту: практическая работа за компьютером',
		link: 'confirm',
		recommendations: 2,
		acknowledged: 'yes'
	},
	{
		label: 'volkova',
		observer: 'morozova',
		teacher: 'volkova',
		role: 'mentor',
		mode: 'full',
		status: 'submitted',
		year: 'current',
		day: 64.5,
		purpose: 'Наблюдение за применением приёмов, отработанных с наставником',
		link: 'none',
		recommendations: 2,
		acknowledged: 'no'
	},
	{
		label: 'semenov-mentor',
		observer: 'pavlova',
		teacher: 'semenov',
		role: 'mentor',
		mode: 'full',
		status: 'submitted',
		year: 'current',
		day: 66.4,
		purpose: 'Наблюдение за выполнением рекомендаций по итогам предыдущего посещения',
		link: 'none',
		recommendations: 1,
		acknowledged: 'yes'
	},
	{
		label: 'guest',
		observer: 'lebedeva',
		teacher: 'smirnova',
		role: 'methodist',
		mode: 'full',
		status: 'submitted',
		year: 'current',
		day: 70.4,
		purpose: 'Контроль реализации ИОМ: применение формирующего оценивания',
		link: 'confirm_with_action',
		recommendations: 2,
		acknowledged: 'no'
	},
	{
		label: 'kornilov-draft',
		observer: 'smirnova',
		teacher: 'kornilov',
		role: 'mentor',
		mode: 'quick',
		status: 'draft',
		year: 'current',
		day: 76.4,
		purpose: 'Наблюдение за выполнением рекомендаций по итогам предыдущего посещения',
		link: 'none',
		recommendations: 1,
		acknowledged: 'no'
	},
	{
		label: 'tikhonov-last-year',
		observer: 'makarova',
		teacher: 'tikhonov',
		role: 'mentor',
		mode: 'full',
		status: 'submitted',
		year: 'previous',
		day: 135.4,
		purpose: 'Методическая помощь молодому специалисту: организация лабораторной работы',
		link: 'none',
		recommendations: 2,
		acknowledged: 'with_reflection'
	},
	{
		label: 'guest-last-year',
		observer: 'lebedeva',
		teacher: 'smirnova',
		role: 'methodist',
		mode: 'full',
		status: 'submitted',
		year: 'previous',
		day: 160.4,
		purpose: 'Изучение системы работы учителя по подготовке к ОГЭ',
		link: 'none',
		recommendations: 2,
		acknowledged: 'with_reflection'
	}
];

const STRENGTHS: readonly string[] = [
	'Чёткая организация начала урока, доброжелательная атмосфера, грамотная речь учителя.',
	'Задания подобраны с нарастанием сложности, учитель владеет классом и темпом урока.',
	'Хорошо организована работа в парах; обучающиеся активны, учитель опирается на их ответы.',
	'Продуманная наглядность, смена видов деятельности каждые 10–12 минут, соблюдены требования СанПиН.',
	'Материал связан с жизненным опытом обучающихся, уместно использована интерактивная доска.'
];

const OBSERVATION_NOTES: readonly string[] = [
	'Этапы урока соответствуют технологической карте; рефлексия сокращена из-за нехватки времени.',
	'Объяснение нового материала заняло около 20 минут, на самостоятельную работу осталось 7 минут.',
	'Обратная связь даётся в основном в форме отметки; критерии оценивания обучающимся не известны.',
	'Обучающиеся на последних партах в работе почти не участвовали.'
];

const OBSERVATION_REFLECTIONS: readonly string[] = [
	'Замечание по таймингу принимаю: на следующем уроке сокращу объяснение и заранее подготовлю карточки для закрепления.',
	'Критерии оценивания теперь выписываю на доске до начала самостоятельной работы; попробую лист самооценки.',
	'Работу в группах буду вводить постепенно: сначала пары, затем группы по четыре человека с ролями.',
	'Согласна с рекомендациями, часть приёмов уже опробована на параллельном классе — ребята работают активнее.'
];

const ACTION_REFLECTIONS: Record<ActionType, string> = {
	course: 'Курсы дали готовые инструменты: листы самооценки и критериальные таблицы уже используются на уроках.',
	self_study: 'Изучены методические рекомендации, составлена подборка приёмов для своих уроков.',
	methodical_association: 'Выступление вызвало обсуждение; коллеги попросили поделиться шаблонами материалов.',
	peer_visit: 'Посещено четыре урока коллег; взяты на вооружение приёмы организации групповой работы.',
	master_class: 'Мастер-класс проведён для коллег РМО, материалы размещены на сайте школы.',
	internship: 'Стажировка показала, как выстроена система формирующего оценивания в школе-партнёре.',
	competition: 'Участие в конкурсе помогло систематизировать опыт и увидеть сильные стороны своих уроков.',
	mentoring: 'Встречи проходят регулярно, большая часть вопросов по планированию уроков снята.',
	open_lesson: 'Урок прошёл по плану; по замечаниям коллег нужно больше времени отводить рефлексии.',
	other: 'Результаты проанализированы, изменения внесены в рабочую программу.'
};

const ASSOCIATION_TALKS: readonly string[] = [
	'Приёмы смыслового чтения на уроках',
	'Формирующее оценивание: опыт применения листов самооценки',
	'Анализ результатов ВПР и корректировка рабочих программ',
	'Работа со слабоуспевающими обучающимися: индивидуальные маршруты',
	'Банк заданий по функциональной грамотности в работе учителя'
];

const COMMUNITIES: readonly { type: CommunityType; title: (subject: SubjectInfo) => string }[] = [
	{ type: 'rmo', title: (s) => `РМО учителей ${s.genitive} Сокольского муниципального округа` },
	{ type: 'tgpr', title: () => 'ТГПР «Формирующее оценивание» (муниципальная творческая группа)' },
	{ type: 'pos', title: () => 'ПОС «Читательская грамотность на всех уроках»' },
	{ type: 'network', title: () => 'Сетевое сообщество педагогов Вологодской области «Сферум»' },
	{ type: 'shmo', title: () => 'Заседание ШМО: выступление «Функциональная грамотность на уроке»' }
];

/** `{year}` is the calendar year of the event. */
const COMPETITIONS: readonly {
	teacher: string;
	year: 'current' | 'previous';
	day: number;
	level: CompetitionLevel;
	title: string;
	result: string;
}[] = [
	{
		teacher: 'smirnova',
		year: 'previous',
		day: 160,
		level: 'municipal',
		title: 'Конкурс профессионального мастерства «Учитель года — {year}», муниципальный этап',
		result: 'победитель'
	},
	{
		teacher: 'morozova',
		year: 'previous',
		day: 190,
		level: 'regional',
		title: 'Конкурс профессионального мастерства «Учитель года — {year}», региональный этап',
		result: 'участник'
	},
	{
		teacher: 'volkova',
		year: 'previous',
		day: 200,
		level: 'municipal',
		title: 'Муниципальный конкурс «Педагогический дебют — {year}»',
		result: 'призёр'
	},
	{
		teacher: 'tikhonov',
		year: 'previous',
		day: 200,
		level: 'municipal',
		title: 'Муниципальный конкурс «Педагогический дебют — {year}»',
		result: 'участник'
	},
	{
		teacher: 'egorova',
		year: 'previous',
		day: 120,
		level: 'regional',
		title: 'Региональный конкурс «Лучший урок финансовой грамотности»',
		result: 'призёр'
	},
	{
		teacher: 'kornilov',
		year: 'current',
		day: 62,
		level: 'municipal',
		title: 'Муниципальный конкурс «Педагогический дебют — {year}»',
		result: 'участник'
	},
	{
		teacher: 'orlova',
		year: 'current',
		day: 55,
		level: 'federal',
		title: 'Всероссийский конкурс методических разработок «Мой лучший урок»',
		result: 'участник'
	},
	{
		teacher: 'sokolova',
		year: 'current',
		day: 70,
		level: 'school',
		title: 'Школьный конкурс методических разработок «Методическая копилка»',
		result: 'победитель'
	},
	{
		teacher: 'zakharov',
		year: 'current',
		day: 58,
		level: 'regional',
		title: 'Региональный конкурс «IT-педагог Вологодчины»',
		result: 'участник'
	}
];

const PUBLICATIONS: readonly { teacher: string; year: 'current' | 'previous'; day: number; title: string }[] = [
	{
		teacher: 'lebedeva',
		year: 'previous',
		day: 230,
		title:
			'Статья «Система работы ШМО по преодолению профессиональных дефицитов» в сборнике региональной научно-практической конференции ВИРО'
	},
	{
		teacher: 'pavlova',
		year: 'current',
		day: 45,
		title:
			'Методическая разработка «Лабораторный практикум по биологии, 7 класс» на портале «Методическая копилка ВИРО»'
	},
	{
		teacher: 'smirnova',
		year: 'current',
		day: 66,
		title: 'Публикация «Листы самооценки на уроках алгебры» в сетевом издании «Педагогический альманах»'
	}
];

/** Extra courses not in anyone's plan: teachers study beyond their ИОМ. */
const EXTRA_COURSES: readonly Course[] = [
	{
		title: 'Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя',
		hours: 36,
		provider: 'academy',
		qualityRelated: false
	},
	{
		title: 'Оценка качества образования: анализ результатов ВПР и ГИА',
		hours: 24,
		provider: 'viro',
		qualityRelated: true
	},
	{
		title: 'Обучение детей с ОВЗ в условиях инклюзивного образования',
		hours: 72,
		provider: 'viro',
		qualityRelated: false
	},
	{
		title: 'Школа современного учителя: развитие читательской грамотности',
		hours: 56,
		provider: 'academy',
		qualityRelated: true
	},
	{ title: 'Оказание первой помощи обучающимся', hours: 16, provider: 'imc', qualityRelated: false }
];

const COMMENTS: readonly {
	target: { session: string; index: number } | { observation: string };
	/** 'mentee' / 'mentor' of the session, 'observer' / 'teacher' of the observation, or a staff key. */
	author: string;
	/** Written this many days after the session or lesson, at this hour Moscow time (after the event on day 0). */
	days: number;
	hour: number;
	body: string;
}[] = [
	{
		target: { session: 'kornilov', index: 2 },
		author: 'mentee',
		days: 0,
		hour: 19,
		body: 'Спасибо! Лист самооценки опробован в 6А: сначала ребята завышали себе баллы, на второй раз оценивали честнее.'
	},
	{
		target: { session: 'kornilov', index: 2 },
		author: 'mentor',
		days: 1,
		hour: 8,
		body: 'Это нормально для начала. На следующей встрече разберём, как проговаривать критерии до работы.'
	},
	{
		target: { observation: 'guest' },
		author: 'observer',
		days: 0,
		hour: 16,
		body: 'Рекомендую представить опыт работы с листами самооценки на заседании РМО учителей математики.'
	},
	{
		target: { observation: 'vasilieva' },
		author: 'teacher',
		days: 2,
		hour: 15,
		body: 'Карточки для закрепления подготовлю к следующему уроку, покажу до урока.'
	},
	{
		target: { observation: 'semenov' },
		author: 'pavlova',
		days: 2,
		hour: 14,
		body: 'Возьму рекомендации на контроль, разберём их на ближайшей встрече по программе наставничества.'
	}
];

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Randomness, ids, time
// ─────────────────────────────────────────────────────────────────────────────────────────────────

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Random {
	next(): number;
	/** Inclusive on both ends. */
	int(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	shuffle<T>(items: readonly T[]): T[];
}

function createRandom(seed: number): Random {
	const next = mulberry32(seed);
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		next,
		int,
		chance: (p) => next() < p,
		pick<T>(items: readonly T[]): T {
			return at(items, int(0, items.length - 1));
		},
		shuffle<T>(items: readonly T[]): T[] {
			const copy = [...items];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = int(0, i);
				const swap = at(copy, i);
				copy[i] = at(copy, j);
				copy[j] = swap;
			}
			return copy;
		}
	};
}

function at<T>(items: readonly T[], index: number): T {
	const item = items[index];
	if (item === undefined) throw new Error(`demo: no item at ${index}`);
	return item;
}

/** UUID v4 from a seeded stream: version nibble 4, variant 8–b. */
function seededUuid(random: () => number): () => Id {
	return () => {
		let hex = '';
		for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16);
		const variant = '89ab'.charAt(Math.floor(random() * 4));
		hex = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	};
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * The current year's story is written for 1 Sep – ~20 Nov (nominal days 0–79). On another `now`
 * it is scaled onto the part of the year that has passed, so nothing lands in the future; a
 * nominal day beyond SCHEDULE_LAST is clamped to it.
 */
const SCHEDULE_DAYS = 80;
const SCHEDULE_LAST = 79.5;

/** Start year of the academic year (1 Sep – 31 Aug) containing the instant: 2026 is 2026/27. */
function academicStartYear(ms: number): number {
	const date = new Date(ms);
	return date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

const iso = (ms: number): IsoDateTime => new Date(ms).toISOString();
const isoDate = (ms: number): IsoDate => iso(ms).slice(0, 10);

function addMonths(ms: number, months: number): IsoDate {
	const date = new Date(ms);
	// Day capped at 28 so that 31 Jan + 1 month stays in February.
	return isoDate(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, Math.min(date.getUTCDate(), 28)));
}

interface Clock {
	nowMs: number;
	/** Start year of the current academic year. */
	year: number;
	today: IsoDate;
	/** Start-of-year events (entry assessments, deficits, pairings): kept in September–October. */
	early(day: number): number;
	/** Events spread over the year so far (plans, sessions, observations, done actions). */
	later(day: number): number;
	/** A day of the previous academic year, counted from its 1 September: always in the past. */
	previous(day: number): number;
	/** A date after today and no later than 31 August of the current year (a plan's horizon). */
	ahead(fraction: number): IsoDate;
}

/*
 * `early` and `later` agree while the year is younger than the schedule; later on, `later`
 * stretches and `early` does not. An event placed with `later` at a nominal day ≥ an `early`
 * event's nominal day is therefore never before it — builders keep that order. Nominal days
 * carry the time of day as their fraction: 10.4 is 11 September, 09:36 UTC.
 */
function createClock(now: IsoDateTime): Clock {
	const nowMs = Date.parse(now);
	if (Number.isNaN(nowMs)) throw new Error(`demo: invalid now «${now}»`);
	const year = academicStartYear(nowMs);
	const start = Date.UTC(year, 8, 1);
	const previousStart = Date.UTC(year - 1, 8, 1);
	const end = Date.UTC(year + 1, 7, 31);
	const stretch = (nowMs - start) / DAY_MS / SCHEDULE_DAYS;
	const today = isoDate(nowMs);
	const todayMs = Date.parse(today);
	const toMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;
	const place = (day: number, scale: number) => {
		const d = Math.min(Math.max(day, 0), SCHEDULE_LAST);
		// Stretched, whole days move and the time of day stays (a lesson at 10:00 is still at 10:00);
		// floor keeps distinct days distinct and the last day before `now`. Squeezed, everything
		// shrinks proportionally so that order survives.
		const scaled = scale >= 1 ? Math.floor(Math.floor(d) * scale) + (d % 1) : d * scale;
		return toMinute(start + scaled * DAY_MS);
	};
	return {
		nowMs,
		year,
		today,
		early: (day) => place(day, Math.min(stretch, 1)),
		later: (day) => place(day, stretch),
		previous: (day) => toMinute(previousStart + Math.min(Math.max(day, 0), 364.5) * DAY_MS),
		ahead(fraction) {
			const first = todayMs + DAY_MS;
			if (first >= end) return isoDate(end);
			const span = Math.floor((end - first) / DAY_MS);
			return isoDate(first + Math.round(fraction * span) * DAY_MS);
		}
	};
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Small text helpers
// ─────────────────────────────────────────────────────────────────────────────────────────────────

const LATIN: Record<string, string> = {
	а: 'a',
	б: 'b',
	в: 'v',
	г: 'g',
	д: 'd',
	е: 'e',
	ё: 'e',
	ж: 'zh',
	з: 'z',
	и: 'i',
	й: 'y',
	к: 'k',
	л: 'l',
	м: 'm',
	н: 'n',
	о: 'o',
	п: 'p',
	р: 'r',
	с: 's',
	т: 't',
	у: 'u',
	ф: 'f',
	х: 'kh',
	ц: 'ts',
	ч: 'ch',
	ш: 'sh',
	щ: 'shch',
	ъ: '',
	ы: 'y',
	ь: '',
	э: 'e',
	ю: 'yu',
	я: 'ya'
};

function transliterate(text: string): string {
	return [...text.toLowerCase()].map((ch) => LATIN[ch] ?? ch).join('');
}

function nameParts(fullName: string): { surname: string; name: string; patronymic: string } {
	const [surname = '', name = '', patronymic = ''] = fullName.split(' ');
	return { surname, name, patronymic };
}

/** «Корнилов А. Д.» */
function shortName(fullName: string): string {
	const { surname, name, patronymic } = nameParts(fullName);
	return `${surname} ${name.charAt(0)}. ${patronymic.charAt(0)}.`;
}

/** ivanova.mp@… — the way Russian school addresses are usually made. */
function emailFor(fullName: string, domain: string): string {
	const { surname, name, patronymic } = nameParts(fullName);
	return `${transliterate(surname)}.${transliterate(name).charAt(0)}${transliterate(patronymic).charAt(0)}@${domain}`;
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// The model the builders share
// ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A recommendation the observer turned into a plan action; added to the plan once it exists. */
interface PendingAction {
	observer: Teacher;
	observation: Observation;
	recommendation: Recommendation;
	deficit: Deficit | null;
	competency: Competency;
	day: number;
}

interface Teacher {
	staff: StaffRow;
	info: SubjectInfo;
	profile: Profile;
	/** The account behind the profile, used as `updatedBy`; null before the invitation (and for the guest). */
	user: Id | null;
	/** Meta competencies plus the teacher's own subject competencies. */
	relevant: Competency[];
	/** Competencies with a deficit at this year's entry. */
	weak: string[];
	/** Last year's deficits that the final assessment showed overcome. */
	overcome: string[];
	entryDay: number;
	planDay: number;
	entry: Assessment | null;
	previousEntry: Assessment | null;
	previousFinal: Assessment | null;
	deficits: Deficit[];
	lastYearDeficits: Deficit[];
	pendingActions: PendingAction[];
}

interface Ctx {
	rnd: Random;
	newId: () => Id;
	clock: Clock;
	framework: Framework;
	themes: Map<string, Theme>;
	teachers: Teacher[];
	byKey: Map<string, Teacher>;
	schoolId: Id;
	municipalityId: Id;
	associationIds: Map<AssociationKey, Id>;
	/** Session ids and nominal days by pair mentee key, for comments. */
	sessionRefs: Map<string, { id: Id; day: number; pair: PairScript }[]>;
	observationRefs: Map<string, { observation: Observation; day: number }>;
	out: DemoDataset;
}

function meta(ctx: Ctx, at: number, by: Id | null): SyncedRow {
	return { id: ctx.newId(), version: 1, updatedAt: iso(at), updatedBy: by, deletedAt: null };
}

/** Moves a row's sync stamp forward; rows carry the time and author of their last change. */
function touch(row: SyncedRow, at: number, by: Id | null): void {
	if (Date.parse(row.updatedAt) <= at) {
		row.updatedAt = iso(at);
		row.updatedBy = by;
	}
}

function teacher(ctx: Ctx, key: string): Teacher {
	const found = ctx.byKey.get(key);
	if (!found) throw new Error(`demo: no staff member «${key}»`);
	return found;
}

function methodistOf(ctx: Ctx): Teacher {
	return teacher(ctx, METHODIST_KEY);
}

function competency(ctx: Ctx, id: string): Competency {
	const found = ctx.framework.competencies.find((c) => c.id === id);
	if (!found) throw new Error(`demo: no competency «${id}»`);
	return found;
}

function themeOf(ctx: Ctx, competencyId: string): Theme {
	return ctx.themes.get(competencyId) ?? 'methods';
}

function classifyThemes(framework: Framework): Map<string, Theme> {
	const themes = new Map<string, Theme>();
	let turn = 0;
	for (const c of framework.competencies) {
		if (c.group === 'subject') {
			themes.set(c.id, 'subject');
			continue;
		}
		const haystack = `${c.id} ${c.title}`.toLowerCase();
		const known = META_THEMES.find((theme) => THEME_KEYWORDS[theme].some((word) => haystack.includes(word)));
		themes.set(c.id, known ?? at(META_THEMES, turn++ % META_THEMES.length));
	}
	return themes;
}

/** The subject competency names the teacher's subject. */
function concerns(c: Competency, info: SubjectInfo): boolean {
	const haystack = `${c.id} ${c.title}`.toLowerCase();
	return info.keywords.some((word) => haystack.includes(word));
}

const MOSCOW_OFFSET_HOURS = 3;

/** A moment between 9:00 and 17:00 Moscow time on the nominal day. */
function workingHours(ctx: Ctx, day: number): number {
	return Math.floor(day) + (9 - MOSCOW_OFFSET_HOURS + ctx.rnd.next() * 8) / 24;
}

function isYoung(t: Teacher): boolean {
	return t.staff.experience < 3;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Organisations and people
// ─────────────────────────────────────────────────────────────────────────────────────────────────

function buildOrganizations(ctx: Ctx): void {
	const created = ctx.clock.previous(0.3);
	const org = (fields: Omit<Organization, keyof SyncedRow>): Organization => {
		const row: Organization = { ...meta(ctx, created, null), ...fields };
		ctx.out.organizations.push(row);
		return row;
	};
	const flags = {
		lowResults: false,
		adverseConditions: false,
		program500: false,
		timeZone: null,
		closedOn: null,
		monitoring: {},
		mentorsApprovePlans: false
	};
	// The region names its zone; the municipality and its schools inherit it.
	const region = org({
		kind: 'region',
		name: REGION,
		shortName: null,
		parentId: null,
		...flags,
		timeZone: 'Europe/Moscow'
	});
	const municipality = org({ kind: 'municipality', ...MUNICIPALITY, parentId: region.id, ...flags });
	const school = org({
		kind: 'school',
		...SCHOOL,
		parentId: municipality.id,
		lowResults: true,
		adverseConditions: false,
		program500: true,
		timeZone: null,
		closedOn: null,
		monitoring: {},
		// The demo's mentors of young teachers approve their mentees' plans.
		mentorsApprovePlans: true
	});
	for (const other of OTHER_SCHOOLS)
		org({ kind: 'school', ...flags, ...other, parentId: municipality.id, program500: other.lowResults });
	for (const association of ASSOCIATIONS) {
		const row = org({
			kind: 'methodical_association',
			name: association.name,
			shortName: association.shortName,
			parentId: school.id,
			...flags
		});
		ctx.associationIds.set(association.key, row.id);
	}
	ctx.schoolId = school.id;
	ctx.municipalityId = municipality.id;
}

function buildPeople(ctx: Ctx): void {
	const { clock, rnd } = ctx;
	const calendarYear = new Date(clock.nowMs).getUTCFullYear();
	const imported = clock.early(0.4);
	// A subject group that names no subject (the default framework's) is a template: it applies to every teacher.
	const subjectTemplate = !ctx.framework.competencies.some(
		(c) => c.group === 'subject' && Object.values(SUBJECTS).some((info) => concerns(c, info))
	);
	// Accounts first: the methodist imported the staff list, so her account stamps the profiles.
	const users = new Map(STAFF.map((s) => [s.key, s.invited ? ctx.newId() : null] as const));
	const importer = users.get(METHODIST_KEY) ?? null;

	for (const staff of STAFF) {
		const info = SUBJECTS[staff.subject];
		const user = users.get(staff.key) ?? null;
		const profile: Profile = {
			...meta(ctx, imported, importer),
			userId: user,
			fullName: staff.fullName,
			email: emailFor(staff.fullName, SCHOOL_DOMAIN),
			schoolId: ctx.schoolId,
			associationId: ctx.associationIds.get(info.association) ?? null,
			position: staff.position ?? info.position,
			subjects: [...info.subjects],
			experienceYears: staff.experience,
			// The staff list gave the стаж on the day it was imported; it grows from there.
			experienceAsOf: isoDate(imported),
			category: staff.category,
			categoryExpiresOn: staff.category === 'none' ? null : addMonths(clock.nowMs, staff.categoryMonths),
			education: staff.education,
			birthYear: calendarYear - staff.age,
			birthDate: null
		};
		ctx.out.profiles.push(profile);
		const relevant = ctx.framework.competencies.filter(
			(c) => c.group === 'meta' || subjectTemplate || concerns(c, info)
		);
		// Most teachers hand in the entry self-assessment in September; two are late, in October.
		const entryDay =
			Math.floor(staff.key === GUEST_KEY ? 8 : rnd.chance(0.1) ? rnd.int(33, 38) : rnd.int(3, 28)) +
			0.3 +
			rnd.next() * 0.3;
		const t: Teacher = {
			staff,
			info,
			profile,
			user,
			relevant,
			weak: [],
			overcome: [],
			entryDay,
			planDay: 0,
			entry: null,
			previousEntry: null,
			previousFinal: null,
			deficits: [],
			lastYearDeficits: [],
			pendingActions: []
		};
		chooseWeakSpots(ctx, t);
		ctx.teachers.push(t);
		ctx.byKey.set(staff.key, t);
	}

	const guest = teacher(ctx, GUEST_KEY);
	const methodist = methodistOf(ctx);
	ctx.out.guestProfileId = guest.profile.id;
	ctx.out.methodistProfileId = methodist.profile.id;

	const member = (profileId: Id, organizationId: Id, role: Role) =>
		ctx.out.memberships.push({ ...meta(ctx, imported, importer), profileId, organizationId, role });
	for (const t of ctx.teachers) member(t.profile.id, ctx.schoolId, 'teacher');
	member(methodist.profile.id, ctx.schoolId, 'school_methodist');
	for (const mentorKey of new Set(ACTIVE_PAIRS.map((p) => p.mentor)))
		member(teacher(ctx, mentorKey).profile.id, ctx.schoolId, 'mentor');

	const municipalUser = ctx.newId();
	const municipal: Profile = {
		...meta(ctx, ctx.clock.previous(0.5), municipalUser),
		userId: municipalUser,
		fullName: MUNICIPAL_METHODIST.fullName,
		email: emailFor(MUNICIPAL_METHODIST.fullName, MUNICIPAL_DOMAIN),
		schoolId: null,
		associationId: null,
		position: MUNICIPAL_METHODIST.position,
		subjects: [],
		experienceYears: MUNICIPAL_METHODIST.experience,
		experienceAsOf: isoDate(ctx.clock.previous(0.5)),
		category: 'none',
		categoryExpiresOn: null,
		education: 'higher',
		birthYear: calendarYear - MUNICIPAL_METHODIST.age,
		birthDate: null
	};
	ctx.out.profiles.push(municipal);
	ctx.out.memberships.push({
		...meta(ctx, ctx.clock.previous(0.5), null),
		profileId: municipal.id,
		organizationId: ctx.municipalityId,
		role: 'municipal_methodist'
	});
}

/** Which competencies show deficits now, and which ones the teacher overcame last year. */
function chooseWeakSpots(ctx: Ctx, t: Teacher): void {
	const { rnd } = ctx;
	const metaCompetencies = rnd.shuffle(t.relevant.filter((c) => c.group === 'meta'));
	const subject = t.relevant.filter((c) => c.group === 'subject');
	const count = Math.min(t.staff.weak, Math.max(0, t.relevant.length - 1));
	const pool = [...metaCompetencies];
	// Now and then the weak spot is the subject itself (position 1, so it is never the only one).
	if (subject.length > 0 && count >= 2 && rnd.chance(0.4)) pool.splice(1, 0, rnd.pick(subject));
	t.weak = pool.slice(0, count).map((c) => c.id);
	if (t.staff.lastYear === 'grows') {
		const candidates = metaCompetencies.filter((c) => !t.weak.includes(c.id));
		t.overcome = candidates.slice(0, Math.min(candidates.length, rnd.int(1, 2))).map((c) => c.id);
	}
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Assessments
// ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Scores every indicator of the framework. A weak competency has some indicators at 0–1 (most of
 * them for a young specialist); everything else is 2 or 3 by the teacher's strength, so deficits
 * proposed from 0–1 scores are exactly the weak competencies.
 */
function scoreAll(ctx: Ctx, t: Teacher, weak: readonly string[], strength: number): Scores {
	const { rnd } = ctx;
	const severity = t.staff.strength < 0.2 ? 0.7 : 0.35;
	const scores: Scores = {};
	for (const c of ctx.framework.competencies) {
		const lowCount = weak.includes(c.id)
			? Math.min(c.indicators.length, Math.max(1, Math.round(c.indicators.length * severity)))
			: 0;
		const low = new Set(
			rnd
				.shuffle(c.indicators)
				.slice(0, lowCount)
				.map((i) => i.id)
		);
		for (const indicator of c.indicators) {
			scores[indicator.id] = low.has(indicator.id) ? (rnd.chance(0.6) ? 1 : 0) : rnd.chance(strength) ? 3 : 2;
		}
	}
	return scores;
}

/**
 * Last May's final, made from September's entry by raising exactly `steps` meta points
 * (overcome competencies first), so the growth the dashboard computes is the story's growth.
 */
function finalFrom(ctx: Ctx, t: Teacher, entry: Scores, steps: number): Scores {
	const { rnd, framework } = ctx;
	const scores: Scores = { ...entry };
	let gained = 0;
	for (const c of framework.competencies.filter((c) => t.overcome.includes(c.id))) {
		for (const indicator of c.indicators) {
			const before = scores[indicator.id] ?? 2;
			if (before <= 1) {
				scores[indicator.id] = 2;
				gained += 2 - before;
			}
		}
	}
	const metaIndicators = framework.competencies
		.filter((c) => c.group === 'meta')
		.flatMap((c) => c.indicators.map((i) => ({ id: i.id, weak: t.weak.includes(c.id) })));
	// Raise 2 → 3 outside the weak spots first; weak spots only creep from 0 to 1.
	const raisable = [
		...rnd.shuffle(metaIndicators.filter((i) => !i.weak && scores[i.id] === 2)),
		...rnd.shuffle(metaIndicators.filter((i) => i.weak && scores[i.id] === 0))
	];
	for (const indicator of raisable) {
		if (gained >= steps) break;
		const before = scores[indicator.id] ?? 2;
		scores[indicator.id] = (before + 1) as Score;
		gained += 1;
	}
	for (const c of framework.competencies.filter((c) => c.group === 'subject' && !t.weak.includes(c.id))) {
		for (const indicator of c.indicators) if (scores[indicator.id] === 2 && rnd.chance(0.2)) scores[indicator.id] = 3;
	}
	return scores;
}

function assessment(
	ctx: Ctx,
	t: Teacher,
	fields: Pick<Assessment, 'kind' | 'stage' | 'academicYear' | 'scores'> & {
		assessor?: Teacher;
		started: number;
		submitted: number | null;
		currentCompetencyId?: string | null;
		updated?: number;
	}
): Assessment {
	const assessor = fields.assessor ?? t;
	const row: Assessment = {
		...meta(ctx, fields.updated ?? fields.submitted ?? fields.started, assessor.user),
		teacherId: t.profile.id,
		assessorId: assessor.profile.id,
		frameworkId: ctx.framework.id,
		frameworkVersion: ctx.framework.revision,
		kind: fields.kind,
		stage: fields.stage,
		academicYear: fields.academicYear,
		status: fields.submitted === null ? 'draft' : 'submitted',
		scores: fields.scores,
		currentCompetencyId: fields.currentCompetencyId ?? null,
		startedAt: iso(fields.started),
		submittedAt: fields.submitted === null ? null : iso(fields.submitted)
	};
	ctx.out.assessments.push(row);
	return row;
}

function buildAssessments(ctx: Ctx): void {
	const { clock, rnd, framework } = ctx;
	const metaCount = framework.competencies
		.filter((c) => c.group === 'meta')
		.reduce((n, c) => n + c.indicators.length, 0);
	for (const t of ctx.teachers) {
		const lastYear = t.staff.lastYear;
		if (lastYear !== 'new') {
			// Last September the teacher was weaker: this year's weak spots plus the ones since overcome.
			const started = clock.previous(rnd.int(4, 24) + 0.3 + rnd.next() * 0.3);
			const entryScores = scoreAll(ctx, t, [...t.weak, ...t.overcome], Math.max(0, t.staff.strength - 0.25));
			t.previousEntry = assessment(ctx, t, {
				kind: 'self',
				stage: 'entry',
				academicYear: clock.year - 1,
				scores: entryScores,
				started,
				submitted: started + rnd.int(15, 50) * MINUTE_MS
			});
			if (lastYear !== 'entry_only') {
				// 'exact' is the borderline case: the smallest growth that still counts (exactly +0.25 when the meta indicator count divides by 4).
				const steps =
					lastYear === 'exact'
						? Math.ceil(metaCount / 4)
						: lastYear === 'flat'
							? Math.round(metaCount * 0.08)
							: Math.ceil(metaCount * (0.3 + rnd.next() * 0.2));
				const finalStarted = clock.previous(rnd.int(245, 262) + 0.3 + rnd.next() * 0.3);
				t.previousFinal = assessment(ctx, t, {
					kind: 'self',
					stage: 'final',
					academicYear: clock.year - 1,
					scores: finalFrom(ctx, t, entryScores, steps),
					started: finalStarted,
					submitted: finalStarted + rnd.int(15, 50) * MINUTE_MS
				});
			}
		}
		const started = clock.early(t.entryDay);
		t.entry = assessment(ctx, t, {
			kind: 'self',
			stage: 'entry',
			academicYear: clock.year,
			scores: scoreAll(ctx, t, t.weak, t.staff.strength),
			started,
			submitted: clock.early(t.entryDay + 0.02)
		});
	}

	// The guest left the intermediate self-assessment half-way: half the indicators, resumes at the next competency.
	const guest = teacher(ctx, GUEST_KEY);
	const entry = guest.entry;
	if (entry) {
		const total = framework.competencies.reduce((n, c) => n + c.indicators.length, 0);
		const scores: Scores = {};
		let answered = 0;
		let currentCompetencyId: string | null = null;
		for (const c of framework.competencies) {
			if (answered >= total / 2) {
				currentCompetencyId = c.id;
				break;
			}
			for (const indicator of c.indicators) {
				const before = entry.scores[indicator.id] ?? 2;
				scores[indicator.id] = (before < 3 && rnd.chance(0.3) ? before + 1 : before) as Score;
				answered += 1;
			}
		}
		assessment(ctx, guest, {
			kind: 'self',
			stage: 'intermediate',
			academicYear: clock.year,
			scores,
			started: clock.later(77.3),
			submitted: null,
			currentCompetencyId,
			updated: clock.later(77.4)
		});
	}

	// An expert entry assessment of the struggling teacher, as the leader–struggling model requires.
	const semenov = teacher(ctx, 'semenov');
	const day = semenov.entryDay + 5;
	assessment(ctx, semenov, {
		kind: 'expert',
		stage: 'entry',
		academicYear: clock.year,
		assessor: methodistOf(ctx),
		scores: scoreAll(ctx, semenov, semenov.weak, 0.1),
		started: clock.early(day),
		submitted: clock.early(day + 0.05)
	});
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Deficits
// ─────────────────────────────────────────────────────────────────────────────────────────────────

function deficit(
	ctx: Ctx,
	t: Teacher,
	fields: Pick<Deficit, 'competencyId' | 'indicatorIds' | 'source' | 'description'> & {
		sourceAssessmentId?: Id;
		sourceObservationId?: Id;
		/** The first history entry; a proposal is the system's, so it has no author. */
		first: { status: DeficitStatus; at: number; by: Teacher | null };
	}
): Deficit {
	const row: Deficit = {
		...meta(ctx, fields.first.at, fields.first.by?.user ?? null),
		teacherId: t.profile.id,
		competencyId: fields.competencyId,
		indicatorIds: fields.indicatorIds,
		source: fields.source,
		description: fields.description,
		status: fields.first.status,
		confirmedAt: null,
		sourceAssessmentId: fields.sourceAssessmentId ?? null,
		sourceObservationId: fields.sourceObservationId ?? null,
		history: [{ status: fields.first.status, at: iso(fields.first.at), by: fields.first.by?.profile.id ?? null }]
	};
	ctx.out.deficits.push(row);
	return row;
}

/** A status change: history, status and the sync stamp move together. */
function advance(d: Deficit, status: DeficitStatus, at: number, by: Teacher): void {
	d.history.push({ status, at: iso(at), by: by.profile.id });
	d.status = status;
	touch(d, at, by.user);
}

function lowIndicators(c: Competency, scores: Scores): string[] {
	return c.indicators.filter((i) => (scores[i.id] ?? 3) <= 1).map((i) => i.id);
}

function selfDescription(ctx: Ctx, c: Competency, low: number, stage: string): string {
	return `${THEMES[themeOf(ctx, c.id)].deficit}. ${stage}: ${low} из ${c.indicators.length} индикаторов «${c.title}» на уровне 0–1.`;
}

function buildDeficits(ctx: Ctx): void {
	const { clock, rnd } = ctx;
	for (const t of ctx.teachers) {
		const entry = t.entry;
		if (!entry?.submittedAt) continue;
		const proposedAt = Date.parse(entry.submittedAt);
		t.weak.forEach((id, index) => {
			const c = competency(ctx, id);
			const low = lowIndicators(c, entry.scores);
			const d = deficit(ctx, t, {
				competencyId: id,
				indicatorIds: low,
				source: 'self_assessment',
				description: selfDescription(ctx, c, low.length, 'Входная самооценка'),
				sourceAssessmentId: entry.id,
				first: { status: 'proposed', at: proposedAt, by: null }
			});
			// The guest has not yet gone through the last two proposals: the screen has work to show.
			if (!(t.staff.key === GUEST_KEY && index >= 2))
				advance(d, 'identified', clock.early(t.entryDay + 0.3 + rnd.next()), t);
			t.deficits.push(d);
		});

		// Last year's deficits the final showed overcome; the methodist closed them after the final.
		const previousEntry = t.previousEntry;
		const previousFinal = t.previousFinal;
		if (previousEntry?.submittedAt && previousFinal?.submittedAt) {
			for (const id of t.overcome) {
				const c = competency(ctx, id);
				const low = lowIndicators(c, previousEntry.scores);
				const proposed = Date.parse(previousEntry.submittedAt);
				const d = deficit(ctx, t, {
					competencyId: id,
					indicatorIds: low,
					source: 'self_assessment',
					description: selfDescription(ctx, c, low.length, 'Входная самооценка прошлого года'),
					sourceAssessmentId: previousEntry.id,
					first: { status: 'proposed', at: proposed, by: null }
				});
				advance(d, 'identified', proposed + DAY_MS, t);
				advance(d, 'in_progress', clock.previous(42.4), t);
				advance(d, 'overcome', Date.parse(previousFinal.submittedAt) + 3 * DAY_MS, methodistOf(ctx));
				t.lastYearDeficits.push(d);
			}
		}
	}

	// Deficits from outside data, entered by the methodist in September: teachers rarely see these in their own self-assessment.
	for (const external of EXTERNAL_DEFICITS) {
		const t = teacher(ctx, external.teacher);
		const free = t.relevant.filter((c) => !t.weak.includes(c.id));
		const c =
			external.themes.map((theme) => free.find((f) => themeOf(ctx, f.id) === theme)).find((f) => f !== undefined) ??
			free[0];
		if (!c) continue;
		const d = deficit(ctx, t, {
			competencyId: c.id,
			indicatorIds: [],
			source: external.source,
			description: external.description.replace('{year}', String(clock.year)),
			first: { status: 'identified', at: clock.early(rnd.int(18, 27) + 0.4), by: methodistOf(ctx) }
		});
		t.deficits.push(d);
	}
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Mentoring
// ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Monthly meetings from September, kept within the pair's term (a pair formed late skips the first). */
function plannedMeetings(
	startYear: number,
	offset: number,
	term: { startDate: IsoDate; endDate: IsoDate | null }
): PlannedMeeting[] {
	return MEETING_TOPICS.map((topic, month) => ({
		date: isoDate(Date.UTC(startYear, 8 + month, 10 + offset)),
		topic
	})).filter((m) => m.date >= term.startDate && (term.endDate === null || m.date <= term.endDate));
}

function buildPairs(ctx: Ctx): void {
	const { clock, rnd } = ctx;
	ACTIVE_PAIRS.forEach((script, index) => {
		const mentor = teacher(ctx, script.mentor);
		const mentee = teacher(ctx, script.mentee);
		// The programme names the mentee's confirmed deficits, so it is written after the entry.
		const deficitIds = mentee.deficits
			.filter((d) => d.status !== 'proposed')
			.slice(0, 3)
			.map((d) => d.id);
		const written = clock.later(Math.max(script.startDay, mentee.entryDay + 1.5, 28.5));
		const term = {
			startDate: isoDate(clock.early(script.startDay)),
			// The planned end: the programme runs to the end of the academic year.
			endDate: `${clock.year + 1}-08-31`
		};
		const pair: MentoringPair = {
			...meta(ctx, written, mentor.user),
			schoolId: ctx.schoolId,
			mentorId: mentor.profile.id,
			menteeId: mentee.profile.id,
			model: script.model,
			...term,
			status: 'active',
			goals: script.goals,
			deficitIds,
			plannedMeetings: plannedMeetings(clock.year, index * 2, term),
			expectedResults: script.expectedResults
		};
		ctx.out.pairs.push(pair);
		// Sessions every two weeks or so from a week after the start, up to the recent past.
		const first = script.startDay + 6;
		const step = (74 - first) / Math.max(1, script.sessions - 1);
		const refs: { id: Id; day: number; pair: PairScript }[] = [];
		for (let i = 0; i < script.sessions; i++) {
			const day = Math.floor(first + i * step + rnd.next() * 2) + 0.45;
			const sessionScript =
				i === 0
					? at(SESSION_SCRIPTS, 0)
					: at(SESSION_SCRIPTS, 1 + ((i - 1 + index * 2) % (SESSION_SCRIPTS.length - 1)));
			const acknowledged = i < script.sessions - 1 ? rnd.chance(0.75) : false;
			const ackAt = clock.later(workingHours(ctx, day + 1));
			const session = addSession(
				ctx,
				pair,
				mentor,
				mentee,
				clock.later(day),
				sessionScript,
				acknowledged ? ackAt : null
			);
			refs.push({ id: session.id, day, pair: script });
		}
		ctx.sessionRefs.set(script.mentee, refs);
	});

	// Last year's pairing, completed at the end of May.
	const script = PAST_PAIR;
	const mentor = teacher(ctx, script.mentor);
	const mentee = teacher(ctx, script.mentee);
	const pastTerm = { startDate: isoDate(clock.previous(script.startDay)), endDate: `${clock.year}-05-31` };
	const pair: MentoringPair = {
		...meta(ctx, clock.previous(272.4), mentor.user),
		schoolId: ctx.schoolId,
		mentorId: mentor.profile.id,
		menteeId: mentee.profile.id,
		model: script.model,
		...pastTerm,
		status: 'completed',
		goals: script.goals,
		deficitIds: mentee.lastYearDeficits.map((d) => d.id),
		plannedMeetings: plannedMeetings(clock.year - 1, 3, pastTerm),
		expectedResults: script.expectedResults
	};
	ctx.out.pairs.push(pair);
	const days = [25.45, 70.45, 140.45, 230.45];
	days.slice(0, script.sessions).forEach((day, i) => {
		const sessionScript = at(SESSION_SCRIPTS, i === 0 ? 0 : (i * 2) % SESSION_SCRIPTS.length);
		addSession(ctx, pair, mentor, mentee, clock.previous(day), sessionScript, clock.previous(day + 1.2));
	});
}

function addSession(
	ctx: Ctx,
	pair: MentoringPair,
	mentor: Teacher,
	mentee: Teacher,
	when: number,
	script: (typeof SESSION_SCRIPTS)[number],
	acknowledgedAt: number | null
): MentoringSession {
	const row: MentoringSession = {
		...meta(ctx, when + 2 * 60 * MINUTE_MS > ctx.clock.nowMs ? when : when + 2 * 60 * MINUTE_MS, mentor.user),
		pairId: pair.id,
		mentorId: mentor.profile.id,
		menteeId: mentee.profile.id,
		date: isoDate(when),
		format: script.format,
		topic: script.topic,
		notes: script.notes,
		durationMinutes: script.minutes,
		nextSteps: script.nextSteps,
		// Logged the way sessions were before they named their planned meeting: matched by date.
		plannedMeeting: null,
		acknowledgedAt: acknowledgedAt === null ? null : iso(acknowledgedAt)
	};
	if (acknowledgedAt !== null) touch(row, acknowledgedAt, mentee.user);
	ctx.out.sessions.push(row);
	return row;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Lesson observations
// ─────────────────────────────────────────────────────────────────────────────────────────────────

function buildObservations(ctx: Ctx): void {
	const { clock, rnd, framework } = ctx;
	OBSERVATIONS.forEach((script, index) => {
		const observer = teacher(ctx, script.observer);
		const t = teacher(ctx, script.teacher);
		const current = script.year === 'current';
		const when = current ? clock.later(script.day) : clock.previous(script.day);
		const submitted = current ? clock.later(script.day + 0.15) : clock.previous(script.day + 0.15);
		const weakNow = current ? t.weak : [...t.weak, ...t.overcome];

		// What the first recommendation is about.
		const open = t.deficits.filter((d) => d.status !== 'proposed');
		let link = current ? script.link : 'none';
		let target: Competency | undefined;
		let confirmed: Deficit | undefined;
		if (link === 'new_deficit') {
			const taken = new Set(t.deficits.map((d) => d.competencyId));
			target = t.relevant.find((c) => c.group === 'meta' && !taken.has(c.id));
			if (!target) link = 'confirm';
		}
		if (link === 'confirm' || link === 'confirm_with_action') {
			confirmed = open.find((d) => d.source === 'self_assessment') ?? open[0];
			target = confirmed ? competency(ctx, confirmed.competencyId) : undefined;
			if (!confirmed) link = 'none';
		}
		const focus: Competency[] = [];
		if (target) focus.push(target);
		for (const c of rnd.shuffle(t.relevant.filter((c) => weakNow.includes(c.id))))
			if (!focus.includes(c)) focus.push(c);
		for (const c of rnd.shuffle(t.relevant)) if (!focus.includes(c)) focus.push(c);
		const recommendedOn = focus.slice(0, script.recommendations);

		// Full protocols score every relevant indicator, quick ones only what the recommendations are
		// about; a draft has only its first competency filled in so far.
		const protocol = script.mode === 'full' ? t.relevant : recommendedOn;
		const scored = script.status === 'draft' ? protocol.slice(0, 1) : protocol;
		const lowCompetencies = new Set([...weakNow, ...(target ? [target.id] : [])]);
		const scores: Scores = {};
		for (const c of scored) {
			const lowIds = new Set(
				rnd
					.shuffle(c.indicators)
					.slice(0, Math.max(1, Math.floor(c.indicators.length / 2)))
					.map((i) => i.id)
			);
			for (const i of c.indicators) {
				scores[i.id] =
					lowCompetencies.has(c.id) && lowIds.has(i.id)
						? rnd.chance(0.7)
							? 1
							: 0
						: rnd.chance(t.staff.strength)
							? 3
							: 2;
			}
		}

		const lesson = rnd.pick(t.info.lessons);
		const usedTexts = new Set<string>();
		const recommendations: Recommendation[] = recommendedOn.map((c) => {
			const texts = THEMES[themeOf(ctx, c.id)].recommendations;
			const text = texts.find((x) => !usedTexts.has(x)) ?? texts[0];
			usedTexts.add(text);
			return { id: ctx.newId(), text, competencyId: c.id, deficitId: null, actionId: null };
		});

		const acknowledged = script.status === 'submitted' && script.acknowledged !== 'no';
		const ackDay = workingHours(ctx, script.day + rnd.int(1, 2));
		const ackAt = current ? clock.later(ackDay) : clock.previous(ackDay);
		const observation: Observation = {
			...meta(ctx, submitted, observer.user),
			observerId: observer.profile.id,
			teacherId: t.profile.id,
			observerRole: script.role,
			mode: script.mode,
			status: script.status,
			date: isoDate(when),
			className: lesson.className,
			subject: lesson.subject,
			topic: lesson.topic,
			purpose: script.purpose,
			frameworkId: framework.id,
			frameworkVersion: framework.revision,
			scores,
			durationMinutes: script.mode === 'full' ? (t.staff.subject === 'primary' ? 40 : 45) : null,
			strengths: script.status === 'draft' ? '' : at(STRENGTHS, index % STRENGTHS.length),
			notes: script.status === 'draft' ? '' : at(OBSERVATION_NOTES, index % OBSERVATION_NOTES.length),
			recommendations,
			acknowledgedAt: acknowledged ? iso(ackAt) : null,
			reflection:
				script.acknowledged === 'with_reflection' && acknowledged
					? at(OBSERVATION_REFLECTIONS, index % OBSERVATION_REFLECTIONS.length)
					: ''
		};
		if (acknowledged) touch(observation, ackAt, t.user);
		ctx.out.observations.push(observation);
		ctx.observationRefs.set(script.label, { observation, day: script.day });

		// Turning the first recommendation into a deficit and/or a plan action, in one step as the app does.
		const first = recommendations[0];
		if (!first || !target) return;
		if (link === 'new_deficit') {
			const d = deficit(ctx, t, {
				competencyId: target.id,
				indicatorIds: target.indicators.filter((i) => (scores[i.id] ?? 3) <= 1).map((i) => i.id),
				source: 'lesson_observation',
				description: `${THEMES[themeOf(ctx, target.id)].deficit}. Выявлено при посещении урока в ${lesson.className} (${lesson.subject}).`,
				sourceObservationId: observation.id,
				first: { status: 'identified', at: submitted + 5 * MINUTE_MS, by: observer }
			});
			t.deficits.push(d);
			first.deficitId = d.id;
			t.pendingActions.push({
				observer,
				observation,
				recommendation: first,
				deficit: d,
				competency: target,
				day: script.day + 0.2
			});
		} else if (confirmed) {
			first.deficitId = confirmed.id;
			confirmed.confirmedAt = iso(submitted);
			touch(confirmed, submitted, observer.user);
			if (link === 'confirm_with_action')
				t.pendingActions.push({
					observer,
					observation,
					recommendation: first,
					deficit: confirmed,
					competency: target,
					day: script.day + 0.2
				});
		}
	});
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Development plans (ИОМ) and their actions
// ─────────────────────────────────────────────────────────────────────────────────────────────────

interface ActionSpec {
	type: ActionType;
	title: string;
	resultForm: string;
	hours: number | null;
	deficit: Deficit | null;
	course: Course | null;
	pending?: PendingAction;
}

/** How an action turns out; 'overdue' is planned or in progress with its deadline passed. */
type Fate = 'done' | 'in_progress' | 'planned' | 'overdue' | 'cancelled';

/** The guest's own plan shows every state: a done course with its certificate, an overdue item, work under way. */
const GUEST_FATES: readonly Fate[] = ['done', 'overdue', 'in_progress', 'planned', 'in_progress'];

function courseTitle(course: Course): string {
	return `Курсы ПК «${course.title}», ${course.hours} ч`;
}

function actionForDeficit(ctx: Ctx, t: Teacher, d: Deficit, index: number, usedCourses: Set<string>): ActionSpec {
	const c = competency(ctx, d.competencyId);
	const theme = themeOf(ctx, c.id);
	const texts = THEMES[theme];
	const course = texts.course ?? t.info.course;
	const kind = index % 3;
	if (kind === 0 && !usedCourses.has(course.title)) {
		usedCourses.add(course.title);
		return {
			type: 'course',
			title: courseTitle(course),
			resultForm: 'удостоверение о повышении квалификации',
			hours: course.hours,
			deficit: d,
			course
		};
	}
	if (kind === 2) {
		return {
			type: 'peer_visit',
			title: `Взаимопосещение уроков коллег ШМО (не менее 4 уроков) с фокусом «${c.title}»`,
			resultForm: 'листы наблюдения урока',
			hours: null,
			deficit: d,
			course: null
		};
	}
	return {
		type: 'self_study',
		title: texts.selfStudy,
		resultForm: 'подборка приёмов и методических материалов',
		hours: ctx.rnd.int(8, 20),
		deficit: d,
		course: null
	};
}

function generalActions(ctx: Ctx, t: Teacher, year: 'current' | 'previous'): ActionSpec[] {
	const { rnd } = ctx;
	const association = ASSOCIATIONS.find((a) => a.key === t.info.association);
	// A different open lesson each year.
	const lesson = at(t.info.lessons, (ctx.teachers.indexOf(t) + (year === 'current' ? 1 : 0)) % t.info.lessons.length);
	const specs: ActionSpec[] = [];
	const general = (type: ActionType, title: string, resultForm: string, hours: number | null = null) =>
		specs.push({ type, title, resultForm, hours, deficit: null, course: null });

	const pairs = year === 'current' ? ACTIVE_PAIRS : [PAST_PAIR];
	const asMentee = pairs.find((p) => p.mentee === t.staff.key);
	const asMentor = pairs.filter((p) => p.mentor === t.staff.key);
	if (asMentee)
		general(
			'mentoring',
			`Работа с наставником по персонализированной программе наставничества (наставник — ${shortName(teacher(ctx, asMentee.mentor).staff.fullName)})`,
			'отчёт о выполнении программы наставничества'
		);
	for (const p of asMentor)
		general(
			'mentoring',
			`Наставничество: сопровождение молодого специалиста (${shortName(teacher(ctx, p.mentee).staff.fullName)})`,
			'отчёт наставника'
		);
	general(
		'methodical_association',
		`Выступление на заседании ${association?.shortName ?? 'ШМО'}: «${rnd.pick(ASSOCIATION_TALKS)}»`,
		'выступление на ШМО'
	);
	general(
		'open_lesson',
		`Открытый урок в ${lesson.className} по теме «${lesson.topic}»`,
		'технологическая карта урока'
	);
	if (isYoung(t))
		general('competition', 'Участие в муниципальном конкурсе «Педагогический дебют»', 'конкурсные материалы');
	else if (t.staff.strength >= 0.6)
		general('master_class', `Мастер-класс для коллег РМО учителей ${t.info.genitive}`, 'материалы мастер-класса', 2);
	else if (rnd.chance(0.5))
		general(
			'internship',
			'Стажировка на базе МБОУ «Сокольская средняя школа № 1»: «Формирующее оценивание в основной школе», 16 ч',
			'отчёт о стажировке',
			16
		);
	else
		general(
			'other',
			'Анализ результатов ВПР в своих классах и корректировка рабочей программы',
			'аналитическая справка'
		);
	return specs;
}

function planGoals(
	ctx: Ctx,
	t: Teacher,
	deficits: readonly Deficit[],
	year: number,
	pairs: readonly PairScript[]
): string {
	const parts: string[] = [];
	if (isYoung(t)) parts.push('пройти адаптацию в профессии при поддержке наставника');
	for (const theme of new Set(deficits.map((d) => themeOf(ctx, d.competencyId)))) parts.push(THEMES[theme].goal);
	if (pairs.some((p) => p.mentor === t.staff.key))
		parts.push('обеспечить методическое сопровождение молодого специалиста');
	if (deficits.length === 0)
		parts.push('обобщить и представить педагогический опыт: мастер-класс на РМО, публикация методической разработки');
	parts.push('представить результаты работы на заседании ШМО');
	return `ИОМ на ${year}/${year + 1} учебный год. ${capitalize(parts.join('; '))}.`;
}

function evidenceFor(ctx: Ctx, spec: ActionSpec): Evidence[] {
	const { rnd } = ctx;
	if (spec.course) {
		const number = `${CERTIFICATE_PREFIX[spec.course.provider]}${String(rnd.int(0, 999_999)).padStart(6, '0')}`;
		return [{ id: ctx.newId(), kind: 'certificate', value: number, note: 'Удостоверение о повышении квалификации' }];
	}
	if (spec.type === 'open_lesson') {
		return [
			{
				id: ctx.newId(),
				kind: 'link',
				value: `https://${SCHOOL_DOMAIN}/metodicheskaya-rabota/otkrytye-uroki/${rnd.int(100, 999)}`,
				note: 'Технологическая карта и видеозапись урока на сайте школы'
			}
		];
	}
	if (spec.type === 'methodical_association' || spec.type === 'master_class') {
		return [
			{
				id: ctx.newId(),
				kind: 'link',
				value: `https://${SCHOOL_DOMAIN}/metodicheskaya-rabota/shmo/${rnd.int(10, 99)}`,
				note: 'Протокол заседания и презентация выступления'
			}
		];
	}
	return [];
}

function buildPlans(ctx: Ctx): void {
	for (const t of ctx.teachers) {
		buildPreviousPlan(ctx, t);
		buildCurrentPlan(ctx, t);
	}
}

function buildCurrentPlan(ctx: Ctx, t: Teacher): void {
	const { clock, rnd } = ctx;
	if (t.staff.plan === 'none') return;
	const isDraft = t.staff.plan === 'draft';
	const deficits = t.deficits.filter((d) => d.status !== 'proposed');
	// Approved in October, after the entry and the methodist's September deficits.
	t.planDay = Math.max(t.entryDay + 6, rnd.int(30, 42)) + 0.4;
	const approvedAt = clock.later(t.planDay);
	const mentorPair = ACTIVE_PAIRS.find((p) => p.mentee === t.staff.key && p.model === 'experienced_young');
	const approver = isDraft ? null : approverOf(ctx, t, mentorPair ? teacher(ctx, mentorPair.mentor) : methodistOf(ctx));
	const plan: DevelopmentPlan = {
		...meta(ctx, isDraft ? clock.later(t.planDay - 3) : approvedAt, approver ? approver.user : t.user),
		teacherId: t.profile.id,
		academicYear: clock.year,
		goals: planGoals(ctx, t, deficits, clock.year, ACTIVE_PAIRS),
		deficitIds: deficits.map((d) => d.id),
		status: isDraft ? 'draft' : 'active',
		...currentApproval(ctx, t, isDraft, approver, approvedAt)
	};
	ctx.out.plans.push(plan);

	const usedCourses = new Set<string>();
	// Up to three deficits get their own action (a fourth waits for the plan's next revision);
	// deficits an observation already gave an action are left to that action.
	const fromObservations = new Set(t.pendingActions.map((p) => p.deficit?.id));
	const linked = deficits.filter((d) => !fromObservations.has(d.id)).slice(0, 3);
	const specs: ActionSpec[] = linked.map((d, i) => actionForDeficit(ctx, t, d, i, usedCourses));
	const target = Math.min(6, Math.max(3, specs.length + rnd.int(1, 2)));
	for (const spec of generalActions(ctx, t, 'current'))
		if (specs.length < target || spec.type === 'mentoring') specs.push(spec);
	for (const pending of isDraft ? [] : t.pendingActions) {
		const theme = themeOf(ctx, pending.competency.id);
		specs.push({
			type: theme === 'subject' ? 'self_study' : 'peer_visit',
			title: pending.recommendation.text,
			resultForm: 'технологическая карта урока с учётом рекомендации',
			hours: null,
			deficit: pending.deficit,
			course: null,
			pending
		});
	}

	let unforced = 0;
	for (const spec of specs) {
		// Mentoring runs all year; an action just made from a recommendation is only planned.
		const forced: Fate | null = isDraft || spec.pending ? 'planned' : spec.type === 'mentoring' ? 'in_progress' : null;
		const fate: Fate = forced ?? (t.staff.key === GUEST_KEY ? (GUEST_FATES[unforced++] ?? 'planned') : pickFate(ctx));
		const pending = spec.pending;
		const created = pending ? clock.later(pending.day) : isDraft ? clock.later(t.planDay - 3) : approvedAt;
		const action = planAction(ctx, t, plan, spec, fate, created, 'current', pending ? pending.observer : t);
		if (pending) {
			pending.recommendation.actionId = action.id;
			touch(pending.observation, created, pending.observer.user);
			touch(plan, created, pending.observer.user);
			// An action added to an approved plan sends it back for approval (plan-approval.ts).
			if (plan.approvalStatus === 'approved' && created > approvedAt)
				Object.assign(plan, {
					approvalStatus: 'submitted',
					approvalComment: '',
					submittedAt: iso(created),
					approvedBy: null,
					approvedAt: null,
					approverName: ''
				});
		}
		// A deficit is «в работе» once an action against it has started.
		const d = spec.deficit;
		if (d && d.status === 'identified' && (action.status === 'in_progress' || action.status === 'done')) {
			advance(d, 'in_progress', created + 60 * MINUTE_MS, t);
		}
	}
}

/** Why the demo's one returned plan came back. */
const RETURN_COMMENT =
	'Уточните сроки: курс и открытый урок стоят на одну неделю. Добавьте форму результата к самообразованию.';

/**
 * Where the current plan stands in согласование: a draft is not sent; the methodist's own plan
 * waits (for the director, who is not in the demo); of the others every fifth waits for the
 * methodist, one came back with a comment, the rest are approved.
 */
function currentApproval(
	ctx: Ctx,
	t: Teacher,
	isDraft: boolean,
	approver: Teacher | null,
	approvedAt: number
): Pick<
	DevelopmentPlan,
	'approvalStatus' | 'approvalComment' | 'submittedAt' | 'approvedBy' | 'approvedAt' | 'approverName'
> {
	const sent = iso(approvedAt - 2 * DAY_MS);
	const none = { approvalComment: '', approvedBy: null, approvedAt: null, approverName: '' };
	if (isDraft) return { ...none, approvalStatus: 'not_submitted', submittedAt: null };
	const index = ctx.teachers.indexOf(t);
	if (!approver || (t.staff.key !== GUEST_KEY && index % 5 === 1))
		return { ...none, approvalStatus: 'submitted', submittedAt: sent };
	const decided = {
		submittedAt: sent,
		approvedBy: approver.profile.id,
		approvedAt: iso(approvedAt),
		approverName: approver.profile.fullName
	};
	const returnedYet = ctx.out.plans.some((p) => p.approvalStatus === 'returned');
	if (t.staff.key !== GUEST_KEY && index % 5 === 2 && !returnedYet)
		return { ...decided, approvalStatus: 'returned', approvalComment: RETURN_COMMENT };
	return { ...decided, approvalStatus: 'approved', approvalComment: '' };
}

/** Nobody approves their own plan: the methodist's ИОМ waits for the director, who is not in the demo. */
function approverOf(ctx: Ctx, t: Teacher, usual: Teacher): Teacher | null {
	return usual.profile.id === t.profile.id ? null : usual;
}

function keyOfProfile(ctx: Ctx, profileId: Id): string {
	const found = ctx.teachers.find((t) => t.profile.id === profileId);
	if (!found) throw new Error(`demo: no teacher with profile ${profileId}`);
	return found.staff.key;
}

function pickFate(ctx: Ctx): Fate {
	const r = ctx.rnd.next();
	if (r < 0.3) return 'done';
	if (r < 0.5) return 'in_progress';
	if (r < 0.8) return 'planned';
	if (r < 0.95) return 'overdue';
	return 'cancelled';
}

function planAction(
	ctx: Ctx,
	t: Teacher,
	plan: DevelopmentPlan,
	spec: ActionSpec,
	fate: Fate,
	created: number,
	year: 'current' | 'previous',
	author: Teacher = t
): PlanAction {
	const { clock, rnd } = ctx;
	let status: ActionStatus;
	let deadline: IsoDate;
	let completed: number | null = null;
	if (year === 'previous') {
		const day = rnd.int(60, 235) + 0.5;
		deadline = isoDate(clock.previous(day + rnd.int(0, 10)));
		status = fate === 'cancelled' ? 'cancelled' : 'done';
		if (status === 'done') completed = clock.previous(day);
	} else if (fate === 'done') {
		const day = Math.min(76, t.planDay + rnd.int(3, 30)) + 0.3;
		completed = clock.later(day);
		deadline = isoDate(clock.later(Math.min(SCHEDULE_LAST, day + rnd.int(0, 6))));
		status = 'done';
	} else if (fate === 'overdue') {
		deadline = isoDate(clock.later(t.planDay + 8 + rnd.next() * Math.max(0, 70 - t.planDay - 8)));
		status = rnd.chance(0.5) ? 'planned' : 'in_progress';
	} else {
		deadline = clock.ahead(fate === 'in_progress' ? 0.1 + rnd.next() * 0.5 : rnd.next());
		status = fate === 'cancelled' ? 'cancelled' : fate;
	}
	const done = status === 'done';
	const action: PlanAction = {
		...meta(ctx, completed ?? created, completed === null ? author.user : t.user),
		planId: plan.id,
		teacherId: t.profile.id,
		deficitId: spec.deficit?.id ?? null,
		type: spec.type,
		title: spec.title,
		resultForm: spec.resultForm,
		deadline,
		hours: spec.hours,
		status,
		evidence: done ? evidenceFor(ctx, spec) : [],
		reflection: done
			? ACTION_REFLECTIONS[spec.type]
			: status === 'cancelled'
				? 'Курсы перенесены организатором на следующий учебный год.'
				: '',
		completedAt: completed === null ? null : iso(completed),
		sourceObservationId: spec.pending?.observation.id ?? null
	};
	ctx.out.actions.push(action);
	if (done && completed !== null) recordActivity(ctx, t, action, spec, completed);
	return action;
}

/** Done courses and open lessons also appear in the teacher's portfolio of activities. */
function recordActivity(ctx: Ctx, t: Teacher, action: PlanAction, spec: ActionSpec, completed: number): void {
	const evidence = action.evidence[0];
	if (spec.course) {
		const days = Math.ceil(spec.course.hours / 6) + ctx.rnd.int(3, 10);
		activity(ctx, t, completed, {
			kind: 'course',
			title: spec.course.title,
			startDate: isoDate(completed - days * DAY_MS),
			endDate: isoDate(completed),
			provider: PROVIDERS[spec.course.provider],
			hours: spec.course.hours,
			certificate: evidence?.kind === 'certificate' ? evidence.value : '',
			qualityRelated: spec.course.qualityRelated,
			completed: true,
			planActionId: action.id
		});
	} else if (spec.type === 'open_lesson') {
		activity(ctx, t, completed, {
			kind: 'open_lesson',
			title: spec.title,
			startDate: isoDate(completed),
			endDate: isoDate(completed),
			completed: true,
			planActionId: action.id
		});
	}
}

function buildPreviousPlan(ctx: Ctx, t: Teacher): void {
	const { clock, rnd } = ctx;
	// Only teachers whose year ended with a final assessment and growth kept a completed plan in the system.
	if (t.staff.lastYear !== 'grows' && t.staff.lastYear !== 'exact') return;
	const deficits = t.lastYearDeficits;
	const approvedAt = clock.previous(40.4);
	const approver = approverOf(ctx, t, methodistOf(ctx));
	const plan: DevelopmentPlan = {
		...meta(ctx, clock.previous(275.4), methodistOf(ctx).user),
		teacherId: t.profile.id,
		academicYear: clock.year - 1,
		goals: planGoals(ctx, t, deficits, clock.year - 1, [PAST_PAIR]),
		deficitIds: deficits.map((d) => d.id),
		status: 'completed',
		approvalStatus: approver ? 'approved' : 'submitted',
		approvalComment: '',
		submittedAt: iso(approvedAt - 2 * DAY_MS),
		approvedBy: approver?.profile.id ?? null,
		approvedAt: approver ? iso(approvedAt) : null,
		approverName: approver?.profile.fullName ?? ''
	};
	ctx.out.plans.push(plan);
	const usedCourses = new Set<string>();
	const specs = deficits.map((d, i) => actionForDeficit(ctx, t, d, i, usedCourses));
	for (const spec of generalActions(ctx, t, 'previous'))
		if (specs.length < 4 || spec.type === 'mentoring') specs.push(spec);
	specs.forEach((spec, index) => {
		const fate: Fate = index > 0 && rnd.chance(0.1) ? 'cancelled' : 'done';
		planAction(ctx, t, plan, spec, fate, approvedAt, 'previous');
	});
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Activities outside the plans
// ─────────────────────────────────────────────────────────────────────────────────────────────────

function activity(
	ctx: Ctx,
	t: Teacher,
	at: number,
	fields: Pick<Activity, 'kind' | 'title' | 'startDate'> & Partial<Omit<Activity, keyof SyncedRow | 'teacherId'>>
): Activity {
	const row: Activity = {
		...meta(ctx, at, t.user),
		teacherId: t.profile.id,
		endDate: null,
		provider: '',
		hours: null,
		certificate: '',
		qualityRelated: false,
		completed: false,
		communityType: null,
		competitionLevel: null,
		result: '',
		planActionId: null,
		...fields
	};
	ctx.out.activities.push(row);
	return row;
}

function buildActivities(ctx: Ctx): void {
	const { clock, rnd } = ctx;
	const when = (year: 'current' | 'previous', day: number) =>
		year === 'current' ? clock.later(day) : clock.previous(day);

	// Communities: most teachers are in at least one beyond their ШМО.
	for (const t of ctx.teachers) {
		if (t.staff.key === GUEST_KEY) {
			const started = clock.previous(2.4);
			activity(ctx, t, started, {
				kind: 'community',
				title: 'Руководство ШМО учителей математики и информатики',
				startDate: isoDate(started),
				communityType: 'shmo',
				completed: true
			});
		}
		if (rnd.chance(0.55)) {
			const community = rnd.pick(COMMUNITIES);
			const started = clock.later(rnd.int(8, 30) + 0.4);
			activity(ctx, t, started, {
				kind: 'community',
				title: community.title(t.info),
				startDate: isoDate(started),
				communityType: community.type,
				completed: true
			});
		}
		if (t.staff.lastYear !== 'new' && rnd.chance(0.4)) {
			const community = rnd.pick(COMMUNITIES);
			const started = clock.previous(rnd.int(10, 60) + 0.4);
			activity(ctx, t, started, {
				kind: 'community',
				title: community.title(t.info),
				startDate: isoDate(started),
				endDate: `${clock.year}-05-31`,
				communityType: community.type,
				completed: true
			});
		}
	}

	// Courses beyond the plans, in both years; one still under way.
	const learners = rnd.shuffle(ctx.teachers).slice(0, 9);
	learners.forEach((t, i) => {
		const course = at(EXTRA_COURSES, i % EXTRA_COURSES.length);
		const common = {
			kind: 'course' as const,
			title: course.title,
			provider: PROVIDERS[course.provider],
			hours: course.hours,
			qualityRelated: course.qualityRelated
		};
		if (i === learners.length - 1) {
			// Under way: no end date, no certificate, not counted by the indicators yet.
			const started = clock.later(60.5);
			activity(ctx, t, started, { ...common, startDate: isoDate(started) });
			return;
		}
		const end = i % 2 === 0 ? clock.previous(rnd.int(60, 250) + 0.5) : clock.later(rnd.int(20, 72) + 0.5);
		const start = end - (Math.ceil(course.hours / 6) + rnd.int(3, 10)) * DAY_MS;
		const certificate = `${CERTIFICATE_PREFIX[course.provider]}${String(rnd.int(0, 999_999)).padStart(6, '0')}`;
		activity(ctx, t, end, {
			...common,
			startDate: isoDate(start),
			endDate: isoDate(end),
			certificate,
			completed: true
		});
	});

	for (const c of COMPETITIONS) {
		const t = teacher(ctx, c.teacher);
		const date = when(c.year, c.day + 0.4);
		activity(ctx, t, date + 3 * DAY_MS > clock.nowMs ? date : date + 3 * DAY_MS, {
			kind: 'competition',
			title: c.title.replace('{year}', String(new Date(date).getUTCFullYear())),
			startDate: isoDate(date),
			endDate: isoDate(date),
			competitionLevel: c.level,
			result: c.result,
			completed: true
		});
	}
	for (const p of PUBLICATIONS) {
		const date = when(p.year, p.day + 0.4);
		activity(ctx, teacher(ctx, p.teacher), date, {
			kind: 'publication',
			title: p.title,
			startDate: isoDate(date),
			endDate: isoDate(date),
			completed: true
		});
	}
	const methodicalDay = clock.later(35.3);
	for (const key of ['fedorova', 'orlova', 'egorova']) {
		activity(ctx, teacher(ctx, key), methodicalDay, {
			kind: 'methodical_day',
			title: 'Методический день «Функциональная грамотность: от диагностики к уроку»',
			startDate: isoDate(methodicalDay),
			endDate: isoDate(methodicalDay),
			completed: true
		});
	}
	const internship = clock.previous(95.3);
	activity(ctx, teacher(ctx, GUEST_KEY), internship + 2 * DAY_MS, {
		kind: 'internship',
		title:
			'Стажировка на базе стажировочной площадки МБОУ «Сокольская средняя школа № 1» «Формирующее оценивание в основной школе»',
		startDate: isoDate(internship),
		endDate: isoDate(internship + 2 * DAY_MS),
		provider: PROVIDERS.imc,
		hours: 16,
		completed: true
	});
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Comments
// ─────────────────────────────────────────────────────────────────────────────────────────────────

function buildComments(ctx: Ctx): void {
	const { clock } = ctx;
	for (const script of COMMENTS) {
		let targetTable: Comment['targetTable'];
		let targetId: Id;
		let day: number;
		let author: Teacher;
		if ('session' in script.target) {
			const ref = ctx.sessionRefs.get(script.target.session)?.[script.target.index];
			if (!ref) continue;
			targetTable = 'mentoring_sessions';
			targetId = ref.id;
			day = ref.day;
			author = teacher(
				ctx,
				script.author === 'mentee' ? ref.pair.mentee : script.author === 'mentor' ? ref.pair.mentor : script.author
			);
		} else {
			const ref = ctx.observationRefs.get(script.target.observation);
			if (!ref) continue;
			targetTable = 'observations';
			targetId = ref.observation.id;
			day = ref.day;
			const byRole =
				script.author === 'observer'
					? ref.observation.observerId
					: script.author === 'teacher'
						? ref.observation.teacherId
						: null;
			author = teacher(ctx, byRole ? keyOfProfile(ctx, byRole) : script.author);
		}
		const written = clock.later(Math.floor(day) + script.days + (script.hour - MOSCOW_OFFSET_HOURS) / 24);
		ctx.out.comments.push({
			...meta(ctx, written, author.user),
			targetTable,
			targetId,
			authorId: author.profile.id,
			body: script.body
		});
	}
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Addressed recommendations
// ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A few addressed recommendations this year, so the methodists' screens and the analytical note
 * show some: the municipal methodist's to the school (done by its methodist) and to a neighbour,
 * and the school methodist's to two teachers (one past its due date). Built last and without the
 * random stream, so every other row stays as it was.
 */
function buildAddressedRecommendations(ctx: Ctx): void {
	const { clock } = ctx;
	const methodist = methodistOf(ctx);
	const municipal = ctx.out.profiles.find((p) => p.fullName === MUNICIPAL_METHODIST.fullName);
	const neighbour = ctx.out.organizations.find((o) => o.name === OTHER_SCHOOLS[1].name);
	const add = (
		author: { id: Id; user: Id | null },
		organizationId: Id,
		teacherId: Id | null,
		day: number,
		body: string,
		dueOn: IsoDate | null,
		doneDay: number | null = null
	) => {
		const written = clock.later(day);
		const done = doneDay === null ? null : Math.max(written, clock.later(doneDay));
		ctx.out.recommendations.push({
			...meta(ctx, done ?? written, done === null ? author.user : methodist.user),
			authorId: author.id,
			organizationId,
			teacherId,
			body,
			dueOn,
			doneAt: done === null ? null : iso(done),
			doneBy: done === null ? null : methodist.profile.id,
			createdAt: iso(written)
		});
	};
	if (municipal) {
		const by = { id: municipal.id, user: municipal.userId };
		add(
			by,
			ctx.schoolId,
			null,
			20.45,
			'Провести школьный методический день «Формирующее оценивание на уроке» с открытыми уроками педагогов ШМО математики и информатики.',
			isoDate(clock.later(60)),
			55.6
		);
		if (neighbour) {
			add(
				by,
				neighbour.id,
				null,
				25.45,
				'Включить в план работы ШМО взаимопосещение уроков с педагогами Кадниковской СШ по подготовке обучающихся к ВПР.',
				clock.ahead(0.3)
			);
		}
	}
	const by = { id: methodist.profile.id, user: methodist.user };
	add(
		by,
		ctx.schoolId,
		teacher(ctx, 'tikhonov').profile.id,
		30.45,
		'Посетить два урока наставника по физике и подготовить открытый урок для ШМО естественно-научного цикла.',
		clock.ahead(0.2)
	);
	add(
		by,
		ctx.schoolId,
		teacher(ctx, 'semenov').profile.id,
		52.45,
		'По итогам посещения урока: разработать систему заданий для подготовки обучающихся к ВПР по химии и обсудить её на заседании ШМО.',
		isoDate(clock.later(72))
	);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Entry point
// ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Generates the demo school for the given framework and moment. Deterministic: the same
 * framework, `now` and `seed` give the same rows; ids come from `newId` when given, otherwise
 * from a seeded UUID v4 stream (separate from the data stream, so ids never change the story).
 */
export function generateDemoSchool(options: DemoOptions): DemoDataset {
	const seed = options.seed ?? DEFAULT_DEMO_SEED;
	const ctx: Ctx = {
		rnd: createRandom(seed),
		newId: options.newId ?? seededUuid(mulberry32(seed ^ 0x5bd1e995)),
		clock: createClock(options.now),
		framework: options.framework,
		themes: classifyThemes(options.framework),
		teachers: [],
		byKey: new Map(),
		schoolId: '',
		municipalityId: '',
		associationIds: new Map(),
		sessionRefs: new Map(),
		observationRefs: new Map(),
		out: {
			guestProfileId: '',
			methodistProfileId: '',
			organizations: [],
			memberships: [],
			profiles: [],
			assessments: [],
			deficits: [],
			plans: [],
			actions: [],
			activities: [],
			pairs: [],
			sessions: [],
			observations: [],
			comments: [],
			recommendations: []
		}
	};
	buildOrganizations(ctx);
	buildPeople(ctx);
	buildAssessments(ctx);
	buildDeficits(ctx);
	buildPairs(ctx);
	buildObservations(ctx);
	buildPlans(ctx);
	buildActivities(ctx);
	buildComments(ctx);
	buildAddressedRecommendations(ctx);
	return ctx.out;
}
