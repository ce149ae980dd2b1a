import { pluralRu } from '../plural';
import { messages as adminOrgs } from './adminOrgs';
import { messages as adminPeople } from './adminPeople';
import { messages as adminFrameworks } from './adminFrameworks';
import { messages as adminSettings } from './adminSettings';
import { messages as erasure } from './erasure';

/**
 * Administration. Russian is the source language. The console's screens keep their words in files
 * of their own (adminOrgs.ts, …) but load as this one part: one loader in the first screen's
 * chunk instead of five.
 */
export const messages = {
	...adminOrgs,
	...adminPeople,
	...adminFrameworks,
	...adminSettings,
	...erasure,

	'admin.title': 'Администрирование',
	'admin.organizations': 'Организации',
	'admin.framework': (title: string, version: number) => `${title}, версия ${version}`,
	'admin.staffImport': 'Загрузить кадровый состав муниципалитета',
	'admin.tree': 'Структура организаций',
	'admin.frameworkTitle': 'Рамка компетенций',
	'admin.orgKind.region': 'Регион',
	'admin.orgKind.municipality': 'Муниципалитет',
	'admin.orgKind.school': 'Школа',
	'admin.orgKind.methodical_association': 'ШМО',
	'admin.empty': 'Организаций пока нет. Загрузите демонстрационные данные, чтобы увидеть структуру.',
	'admin.indicators': (n: number) => `${n} ${pluralRu(n, 'индикатор', 'индикатора', 'индикаторов')}`,
	'admin.intro': 'Структура организаций, люди и роли, рамки компетенций, учебные годы и настройки региона.',
	'admin.count.region': (n: number) => `${n} ${pluralRu(n, 'регион', 'региона', 'регионов')}`,
	'admin.count.municipality': (n: number) =>
		`${n} ${pluralRu(n, 'муниципалитет', 'муниципалитета', 'муниципалитетов')}`,
	'admin.count.school': (n: number) => `${n} ${pluralRu(n, 'школа', 'школы', 'школ')}`,
	'admin.count.methodical_association': (n: number) => `${n} ШМО`,
	'admin.openOrganizations': 'Открыть структуру',
	'admin.people': 'Люди и роли',
	'admin.peopleText': 'Поиск человека, приглашения с ролью, окончание и перевод, журнал изменений ролей.',
	'admin.openPeople': 'Люди и приглашения',
	'admin.openAudit': 'Журнал изменений',
	'admin.frameworkInUse': (year: string) => `Используется в ${year} учебном году`,
	'admin.openFrameworks': 'Версии рамок',
	'admin.settings': 'Годы и настройки',
	'admin.settingsText':
		'Окна входного, промежуточного и итогового мониторинга, порог роста, размер группы, целевые значения.',
	'admin.openSettings': 'Открыть настройки'
} satisfies Record<string, string | ((...args: never[]) => string)>;
