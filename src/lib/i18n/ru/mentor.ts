import { pluralRu } from '../plural';

/** The mentor’s desk. Russian is the source language. */
export const messages = {
	'mentor.title': 'Мои наставляемые',
	'mentor.empty': 'Наставнических пар пока нет. Их создаёт методист школы.',
	'mentor.intro': 'Наставляемые педагоги: прогресс ИОМ, открытые дефициты и ближайшие встречи.',
	'mentor.nextMeeting': (date: string) => `Следующая встреча: ${date}`,
	'mentor.noSessions': 'Встреч ещё не было',
	'mentor.planProgress': (done: number, total: number) => `ИОМ: выполнено ${done} из ${total}`,
	'mentor.noPlan': 'ИОМ на этот год не составлен',
	'mentor.overdue': (n: number) => `просрочено: ${n}`,
	'mentor.sessions': (n: number) => `${n} ${pluralRu(n, 'встреча', 'встречи', 'встреч')}`,
	'mentor.lastSession': (date: string) => `Последняя встреча: ${date}`,
	'mentor.openDeficits': (n: number) => `${n} ${pluralRu(n, 'открытый дефицит', 'открытых дефицита', 'открытых дефицитов')}`,
} satisfies Record<string, string | ((...args: never[]) => string)>;
