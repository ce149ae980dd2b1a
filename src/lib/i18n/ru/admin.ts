import { pluralRu } from '../plural';

/** Administration. Russian is the source language. */
export const messages = {
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
	'admin.indicators': (n: number) => `${n} ${pluralRu(n, 'индикатор', 'индикатора', 'индикаторов')}`
} satisfies Record<string, string | ((...args: never[]) => string)>;
