import { pluralRu } from '../plural';
import { number } from '../format';

/** The teacher’s screens: home, profile, activities. Russian is the source language. */
export const messages = {
	'home.greeting': (name: string) => `Здравствуйте, ${name}!`,
	'home.assessmentTitle': 'Самооценка',
	'home.assessmentNone': 'В этом учебном году самооценка ещё не пройдена',
	'home.assessmentStart': 'Пройти входную самооценку',
	'home.assessmentDraft': (stage: string, answered: number, total: number) =>
		`${stage}: отвечено ${answered} из ${total}`,
	'home.assessmentContinue': 'Продолжить',
	'home.assessmentDone': (stage: string, date: string) => `${stage} — пройдена ${date}`,
	'home.levelsTitle': 'Уровни компетенций',
	'home.levelsCaption': (stage: string, date: string) => `По последней самооценке (${stage.toLowerCase()}, ${date})`,
	'home.deficitsTitle': 'Профессиональные дефициты',
	'home.deficitsOpen': (n: number) => `${n} ${pluralRu(n, 'открытый', 'открытых', 'открытых')}`,
	'home.deficitsProposed': (n: number) => `${n} ${pluralRu(n, 'ждёт', 'ждут', 'ждут')} подтверждения`,
	'home.deficitsNone': 'Открытых дефицитов нет',
	'home.planTitle': (year: string) => `ИОМ на ${year}`,
	'home.planNone': 'Индивидуальный образовательный маршрут на этот год ещё не составлен',
	'home.planCreate': 'Составить ИОМ',
	'home.planDone': (done: number, total: number) => `Выполнено ${done} из ${total}`,
	'home.planOverdue': (n: number) =>
		`${n} ${pluralRu(n, 'мероприятие просрочено', 'мероприятия просрочены', 'мероприятий просрочено')}`,
	'home.deficitsAll': 'Все дефициты',
	'home.planOpen': 'Открыть ИОМ',
	'home.growthLink': 'Мой рост',
	'home.planNext': 'Ближайшие сроки',
	'home.due': (date: string) => `до ${date}`,
	'home.activitiesTitle': 'Мероприятия за год',
	// Completed courses only, as the indicators count them; the hours of courses under way are said apart.
	'home.activitiesSummary': (n: number, hours: number, underway: number) =>
		`${n} ${pluralRu(n, 'мероприятие', 'мероприятия', 'мероприятий')}, завершённые курсы — ${number(hours, 2)} ${pluralRu(hours, 'час', 'часа', 'часов')}` +
		(underway > 0
			? `; ещё ${number(underway, 2)} ${pluralRu(underway, 'час', 'часа', 'часов')} — курсы, которые идут`
			: ''),
	'home.mentorTitle': 'Наставник',
	'home.mentorSince': (name: string, date: string) => `${name}, с ${date}`,
	'profile.youngSpecialist': 'Молодой специалист',
	'profile.experience': (n: number) => `Стаж ${n} ${pluralRu(n, 'год', 'года', 'лет')}`
} satisfies Record<string, string | ((...args: never[]) => string)>;
