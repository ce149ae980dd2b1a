/**
 * The administrator's erasure requests (a section of /admin/people, 152-ФЗ). Loaded with the admin part
 * (ru/admin.ts spreads it). Russian is the source language.
 */
export const messages = {
	'erasure.title': 'Запросы на удаление данных',
	'erasure.link': 'Запросы на удаление',
	'erasure.text':
		'Педагог может попросить удалить свои данные с сервера. Удаление убирает профиль, учётную запись, файлы, комментарии и тексты; оценки, дефициты и пункты ИОМ остаются без имени, чтобы отчёты не изменились.',
	'erasure.loading': 'Загружаем запросы…',
	'erasure.empty': 'Запросов нет.',
	'erasure.requestedAt': (date: string) => `Запрос от ${date}`,
	'erasure.status.requested': 'Ждёт выполнения',
	'erasure.status.done': 'Выполнен',
	'erasure.status.withdrawn': 'Отозван',
	'erasure.doneAt': (date: string) => `Удалено ${date}`,
	'erasure.files': (n: number) => `Файлов в хранилище: ${n}`,
	'erasure.carryOut': 'Выполнить удаление',
	'erasure.confirmTitle': (name: string) => `Удалить данные: ${name}?`,
	'erasure.confirmText':
		'Сначала удаляются файлы человека из хранилища, затем на сервере: профиль, учётная запись, комментарии и тексты. Оценки, дефициты, пункты ИОМ и мероприятия переходят к обезличенному профилю школы. Отменить удаление нельзя. Запись появится в журнале изменений.',
	'erasure.confirm': 'Удалить безвозвратно',
	'erasure.cancel': 'Отмена',
	'erasure.working': 'Удаляем…',
	'erasure.carriedOut': 'Удаление выполнено.',
	'erasure.auditAction': 'выполнено удаление персональных данных по запросу',
	'erasure.problem.offline': 'Нет связи с сервером. Попробуйте, когда устройство будет в сети.',
	'erasure.problem.forbidden': 'Это может сделать только администратор.',
	'erasure.problem.rejected':
		'Сервер отказал: файлы человека ещё в хранилище или запрос уже выполнен. Обновите список и повторите.',
	'erasure.offline': 'Запросы видны только при связи с сервером.'
} satisfies Record<string, string | ((...args: never[]) => string)>;
