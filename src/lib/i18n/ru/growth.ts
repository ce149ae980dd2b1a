import { pluralRu } from '../plural';
import { number } from '../format';

/** «Мой рост»: the teacher's own evidence across assessments. Russian is the source language. */
export const messages = {
	'growth.title': 'Мой рост',
	'growth.intro': 'Ваши результаты по диагностикам, дефицитам, ИОМ и мероприятиям — материал для аттестации.',
	'growth.levelsTitle': 'Уровни компетенций по диагностикам',
	'growth.levelsEmpty': 'Пройдите самооценку — здесь появится график уровней ваших компетенций.',
	'growth.levelsOne': 'Одна диагностика: график сравнения появится после следующей.',
	'growth.competency': 'Компетенция',
	'growth.chartTitle': 'Средний балл по компетенциям (0–3)',
	'growth.series': (stage: string, year: string) => `${stage} ${year}`,
	'growth.yearTitle': (year: string) => `Прирост за ${year} учебный год`,
	'growth.groupRow': (group: string) => `${group} компетенции`,
	'growth.entryFinal': (entry: string, final: string) => `входная ${entry} → итоговая ${final}`,
	'growth.delta': (delta: string) => `изменение ${delta}`,
	'growth.grows': 'Есть прирост',
	'growth.noGrowth': 'Прироста нет',
	'growth.noData': 'Нет данных: нужна входная и итоговая самооценка этого года',
	'growth.threshold': (threshold: string) =>
		`Прирост засчитывается при повышении среднего балла группы на ${threshold} и более.`,
	'growth.deficitsTitle': 'Дефициты за год',
	'growth.deficitsLine': (opened: number, closed: number, open: number) =>
		`Выявлено: ${opened} · преодолено: ${closed} · в работе сейчас: ${open}`,
	'growth.planTitle': 'ИОМ за год',
	'growth.planLine': (done: number, total: number) =>
		`Выполнено ${done} из ${total} ${pluralRu(total, 'мероприятия', 'мероприятий', 'мероприятий')}`,
	'growth.planNone': 'ИОМ на этот год не составлен',
	'growth.activitiesTitle': 'Мероприятия за год',
	'growth.activitiesLine': (n: number, hours: number) =>
		`${n} ${pluralRu(n, 'мероприятие', 'мероприятия', 'мероприятий')}; курсы повышения квалификации — ${number(hours, 2)} ${pluralRu(hours, 'час', 'часа', 'часов')}`,
	'growth.qualityCourses': (n: number) => `из них по вопросам качества образования: ${n}`,
	'growth.print': 'Распечатать',
	// The school methodist's drill-down to one teacher of the school (read-only).
	'drill.title': 'Педагог',
	'drill.back': 'К школе',
	'drill.intro':
		'Профессиональный рост педагога: диагностики, дефициты, ИОМ, мероприятия и посещения уроков. Записи ведёт сам педагог; отсюда можно посетить его урок, написать ему рекомендацию и согласовать ИОМ.',
	'drill.notFound': 'Педагог не найден или нет доступа: здесь можно открыть только педагога своей школы.',
	'drill.subjects': (subjects: string) => `Предметы: ${subjects}`,
	'drill.noSubjects': 'Предметы не указаны',
	'drill.summary': 'Сводка по педагогу',
	'drill.openDeficits': 'Открытых дефицитов',
	'drill.planDone': 'ИОМ выполнен',
	'drill.noPlan': 'нет ИОМ',
	'drill.overdue': 'Просрочено действий ИОМ',
	'drill.observations': 'Посещено уроков в этом году',
	'drill.levelsEmpty': 'Педагог ещё не прошёл ни одной диагностики — график уровней появится после первой.',
	'drill.deficitsTitle': 'Открытые дефициты',
	'drill.deficitsNone': 'Открытых дефицитов нет.',
	'drill.overdueTitle': 'Просроченные действия ИОМ',
	'drill.overdueNone': 'Просроченных действий нет.',
	'drill.deadline': (date: string) => `срок ${date}`
} satisfies Record<string, string | ((...args: never[]) => string)>;
