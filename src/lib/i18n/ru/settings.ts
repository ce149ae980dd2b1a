import { pluralRu } from '../plural';
import { messages as myData } from './myData';

/** Settings, storage and backup. Russian is the source language. */
export const messages = {
	// Reminders as system notifications (features/settings/NotifySwitch.svelte).
	'settings.notify.title': 'Напоминания',
	'settings.notify.switch': 'Показывать напоминания как уведомления',
	'settings.notify.hint':
		'Пока приложение открыто, новые напоминания (сроки ИОМ, встречи, согласования, диагностика) приходят системным уведомлением. Разрешение браузер спросит, когда вы включите переключатель.',
	'settings.notify.denied':
		'Уведомления для этого сайта запрещены в настройках браузера. Разрешите их там (значок замка у адреса), затем вернитесь сюда и включите переключатель.',
	'settings.notify.unsupported': 'Этот браузер не показывает уведомления. Напоминания видны на главном экране.',
	...myData,
	'settings.title': 'Настройки',
	'settings.language': 'Язык интерфейса',
	'settings.storage': 'Хранилище на устройстве',
	'settings.used': (used: string, quota: string) => `Занято ${used} из доступных ${quota}`,
	'settings.persisted': 'Данные защищены от автоматической очистки браузером',
	'settings.notPersisted':
		'Браузер может очистить данные при нехватке места. Установите приложение на главный экран, чтобы защитить их.',
	'settings.persist': 'Защитить данные',
	'settings.guestLocal':
		'В гостевом режиме всё хранится только на этом устройстве. Чтобы не потерять записи, сохраните резервную копию в файл.',
	'settings.unsynced': (n: number) => `Не отправлено на сервер: ${n}`,
	'settings.backup': 'Резервная копия',
	'settings.backupText':
		'Файл со всеми данными этого устройства, включая ещё не отправленные изменения. Сохраните его перед сменой телефона.',
	'settings.export': 'Экспорт моих данных',
	'settings.import': 'Импорт из файла',
	'settings.imported': (added: number, updated: number, queued: number) =>
		`Импорт завершён: добавлено ${added}, обновлено ${updated}, изменений в очереди ${queued}`,
	'settings.importFailed': 'Файл не импортирован, данные на устройстве не изменены.',
	'settings.backupNotJson': 'Это не файл резервной копии (не JSON).',
	'settings.backupNotOurs': 'Это не резервная копия «Траектории».',
	'settings.backupNewer': 'Копия сделана более новой версией приложения — обновите приложение.',
	'settings.backupCorrupt': 'Файл повреждён.',
	'settings.importReport': 'Отчёт об импорте',
	'settings.refusedTotal': (n: number) => `Не импортировано: ${n} ${pluralRu(n, 'запись', 'записи', 'записей')}`,
	'settings.refusedKept': 'Остальное импортировано. То, что уже было на устройстве, эти записи не изменили.',
	'settings.refusedInvalid': 'Повреждены или не проходят проверку данных',
	'settings.refusedNotYours': 'Принадлежат другому человеку — такие записи приходят только с сервера',
	'settings.refusedShared':
		'Общие данные школы (организации, роли, наставнические пары, показатели) — их даёт только сервер или демонстрационная школа',
	'settings.refusedUnknownPerson':
		'Неизвестно, чьи это данные: войдите и дождитесь первой синхронизации, затем повторите импорт',
	'settings.refusedCount': (what: string, n: number) => `${what}: ${n}`,
	'settings.tableOrganizations': 'организации',
	'settings.tableMemberships': 'роли',
	'settings.tableProfiles': 'профили',
	'settings.tableFrameworks': 'перечни компетенций',
	'settings.tableAssessments': 'диагностики',
	'settings.tableDeficits': 'дефициты',
	'settings.tablePlans': 'ИОМ',
	'settings.tableActions': 'мероприятия ИОМ',
	'settings.tableActivities': 'мероприятия',
	'settings.tablePairs': 'наставнические пары',
	'settings.tableSessions': 'встречи наставничества',
	'settings.tableObservations': 'посещения уроков',
	'settings.tableComments': 'комментарии',
	'settings.tableTargets': 'плановые значения показателей',
	'settings.tableRecommendations': 'адресные рекомендации',
	'settings.tableAttachments': 'фотографии',
	'settings.actAs': 'Работать от имени',
	'settings.actAsText':
		'В гостевом режиме можно посмотреть приложение глазами любого педагога демонстрационной школы — как будто он вошёл на этом устройстве.',
	'settings.actingAs': (name: string) => `Теперь вы работаете от имени: ${name}`,
	'settings.demo': 'Демонстрационные данные',
	'settings.demoText':
		'Школа из 25 педагогов с диагностиками, дефицитами, ИОМ, наставничеством и посещениями уроков — чтобы посмотреть все экраны.',
	'settings.demoReplace': 'Демонстрационные данные уже загружены.',
	'settings.version': (v: string) => `Версия ${v}`
} satisfies Record<string, string | ((...args: never[]) => string)>;
