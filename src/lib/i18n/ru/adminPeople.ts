import { pluralRu } from '../plural';
import { number } from '../format';

// Counts run into tens of thousands: «30 000».
const n0 = (n: number) => number(n, 0);

/** People, roles, invitations and the audit log (/admin/people, /admin/audit, /municipal/people). Russian is the source language. */
export const messages = {
	'adminPeople.title': 'Люди и роли',
	'adminPeople.back': 'Администрирование',
	'adminPeople.auditLink': 'Журнал изменений ролей',

	'adminPeople.find': 'Найти человека',
	'adminPeople.search': 'ФИО или e-mail',
	'adminPeople.searchHint': 'Регистр и «ё» не важны; можно ввести часть фамилии или адреса.',
	'adminPeople.searchEmpty': (total: number) =>
		`Введите ФИО или e-mail — поиск по ${n0(total)} ${pluralRu(total, 'человеку', 'людям', 'людям')}.`,
	'adminPeople.found': (total: number) => `Найдено: ${n0(total)}`,
	'adminPeople.foundShown': (shown: number, total: number) =>
		`Найдено: ${n0(total)}. Показаны первые ${n0(shown)} — уточните запрос.`,
	'adminPeople.nobody': 'Никого не нашли. Проверьте написание или ищите по e-mail.',
	'adminPeople.results': 'Результаты поиска',
	'adminPeople.noSchool': 'без школы',
	'adminPeople.noEmail': 'нет e-mail',
	'adminPeople.hasAccount': 'вошёл(ла) в приложение',
	'adminPeople.notYet': 'ещё не входил(а)',

	'adminPeople.close': 'Закрыть карточку',
	'adminPeople.school': (name: string) => `Школа: ${name}`,
	'adminPeople.roles': 'Роли',
	'adminPeople.noRoles': 'Ролей нет — человек ничего не видит в приложении.',
	'adminPeople.roleIn': (role: string, org: string) => `${role} — ${org}`,
	'adminPeople.unknownOrg': 'организация удалена',
	'adminPeople.end': 'Завершить',
	'adminPeople.endLabel': (role: string, org: string) => `Завершить роль «${role}» — ${org}`,
	'adminPeople.endTitle': 'Завершить роль?',
	'adminPeople.endText': (name: string, role: string, org: string) =>
		`${name} больше не будет «${role}» в «${org}». При следующей синхронизации устройства этого человека потеряют то, что давала роль. Записи человека сохранятся.`,
	'adminPeople.endConfirm': 'Да, завершить',
	'adminPeople.ended': (name: string, role: string) =>
		`${name}: роль «${role}» завершена. Изменение уйдёт на сервер при синхронизации.`,
	'adminPeople.notYours': 'выдаёт администратор',

	'adminPeople.grantTitle': 'Выдать ещё одну роль',
	'adminPeople.grantOrg': 'Организация для новой роли',
	'adminPeople.grantRole': 'Новая роль',
	'adminPeople.grant': 'Выдать роль',
	'adminPeople.granted': (name: string, role: string, org: string) =>
		`${name}: выдана роль «${role}» в «${org}». Изменение уйдёт на сервер при синхронизации.`,
	'adminPeople.alreadyHolds': 'Эта роль в этой организации у человека уже есть',

	'adminPeople.moveTitle': 'Перевести в другую школу',
	'adminPeople.moveText':
		'Роли педагога и наставника переходят в новую школу; самооценки, ИОМ и другие записи остаются за человеком.',
	'adminPeople.moveSchool': 'Новая школа',
	'adminPeople.move': 'Перевести',
	'adminPeople.moveConfirmTitle': 'Перевести в другую школу?',
	'adminPeople.moveConfirmText': (name: string, from: string, to: string) =>
		`${name}: из «${from}» в «${to}». Вся история сохранится; методист прежней школы перестанет видеть записи, методист новой — начнёт.`,
	'adminPeople.moveConfirm': 'Да, перевести',
	'adminPeople.moved': (name: string, to: string) =>
		`${name}: перевод в «${to}» выполнен на сервере. Устройства получат его при синхронизации.`,
	'adminPeople.moveNoSchool': 'У человека нет школы — переводить неоткуда. Выдайте роль в нужной школе.',

	'adminPeople.inviteTitle': 'Пригласить по e-mail',
	'adminPeople.inviteText':
		'Человек получит доступ, когда войдёт в «Траекторию» с этим e-mail (по ссылке из письма). Приглашение сохраняется на устройстве и уходит на сервер при синхронизации.',
	'adminPeople.org': 'Организация',
	'adminPeople.orgChoose': '— выберите организацию —',
	'adminPeople.role': 'Роль в организации',
	'adminPeople.roleChoose': '— сначала выберите организацию —',
	'adminPeople.fullName': 'ФИО',
	'adminPeople.email': 'E-mail',
	'adminPeople.position': 'Должность',
	'adminPeople.birthYear': 'Год рождения',
	'adminPeople.experience': 'Педагогический стаж, лет',
	'adminPeople.education': 'Образование',
	'adminPeople.inviteHint': 'Остальное (предметы, категорию) человек заполнит в своём профиле.',
	'adminPeople.invite': 'Пригласить',
	'adminPeople.inviting': 'Сохраняем…',
	'adminPeople.invited': (name: string, role: string, org: string) =>
		`${name}: приглашение сохранено («${role}» в «${org}»). Оно уйдёт на сервер при синхронизации.`,
	'adminPeople.emailTaken': 'Человек с таким e-mail уже есть — найдите его и выдайте роль',
	'adminPeople.roleNotYours': 'Эту роль здесь выдаёт администратор',
	'adminPeople.kind.region': 'Регион',
	'adminPeople.kind.municipality': 'Муниципалитеты',
	'adminPeople.kind.school': 'Школы',
	'adminPeople.kind.methodical_association': 'ШМО',
	'adminPeople.noOrganizations': 'Нет организаций, куда вы можете пригласить.',

	'adminPeople.pendingTitle': 'Приглашения, ожидающие входа',
	'adminPeople.pendingText':
		'Эти люди ещё не вошли в приложение. Письмо можно отправить повторно или отозвать приглашение.',
	'adminPeople.pendingNone': 'Ожидающих приглашений нет.',
	'adminPeople.pendingLoading': 'Загружаем приглашения…',
	'adminPeople.pendingReload': 'Обновить список',
	'adminPeople.invitedOn': (date: string) => `приглашение от ${date}`,
	'adminPeople.noMembership': 'без роли',
	'adminPeople.resend': 'Отправить приглашение повторно',
	'adminPeople.resendLabel': (name: string) => `Отправить приглашение повторно: ${name}`,
	'adminPeople.resent': (email: string) => `Письмо со ссылкой для входа снова отправлено на ${email}.`,
	'adminPeople.withdraw': 'Отозвать',
	'adminPeople.withdrawLabel': (name: string) => `Отозвать приглашение: ${name}`,
	'adminPeople.withdrawTitle': 'Отозвать приглашение?',
	'adminPeople.withdrawText': (name: string, email: string) =>
		`${name} (${email}) не сможет войти по этому приглашению; профиль и роли будут удалены.`,
	'adminPeople.withdrawConfirm': 'Да, отозвать',
	'adminPeople.withdrawn': (name: string) => `Приглашение для ${name} отозвано: войти по нему больше нельзя.`,

	'adminPeople.needsServer': 'Эта часть работает только с сервером: войдите в учётную запись.',
	'adminPeople.offline': 'Нет связи с сервером. Подключитесь к интернету и повторите.',
	'adminPeople.problem.offline': 'Нет связи с сервером — ничего не изменилось. Повторите, когда появится интернет.',
	'adminPeople.problem.forbidden': 'Недостаточно прав: это не в ваших организациях.',
	'adminPeople.problem.rejected':
		'Сервер отказал: возможно, человек уже вошёл в приложение или запись изменилась. Обновите список.',
	'adminPeople.problem.rate_limited': 'Письмо уже отправлялось только что. Подождите минуту и повторите.',

	'adminPeople.auditTitle': 'Журнал изменений ролей',
	'adminPeople.auditText': 'Кто, что и когда менял в ролях и приглашениях. Записи журнала не изменить и не удалить.',
	'adminPeople.auditEmpty': 'Записей пока нет.',
	'adminPeople.auditLoading': 'Загружаем журнал…',
	'adminPeople.auditMore': 'Показать ещё',
	'adminPeople.auditEnd': 'Это все записи.',
	'adminPeople.auditWho': (name: string) => `Кто: ${name}`,
	'adminPeople.auditSystem': 'Кто: система (установка или сценарий)',
	'adminPeople.auditWhom': (name: string) => `Кого: ${name}`,
	'adminPeople.auditUnknownPerson': 'профиль удалён',
	'adminPeople.action.grant': (role: string, org: string) => `Выдана роль «${role}» в «${org}»`,
	'adminPeople.action.change': (oldRole: string, oldOrg: string, role: string, org: string) =>
		`Роль изменена: «${oldRole}» в «${oldOrg}» → «${role}» в «${org}»`,
	'adminPeople.action.end': (role: string, org: string) => `Завершена роль «${role}» в «${org}»`,
	'adminPeople.action.invite': (role: string, org: string) => `Приглашение: роль «${role}» в «${org}»`,
	'adminPeople.action.withdraw': 'Приглашение отозвано',
	'adminPeople.action.move': (oldOrg: string, org: string) => `Перевод из «${oldOrg}» в «${org}»`,
	'adminPeople.auditNone': '—',

	'adminPeople.muniTitle': 'Методисты школ',
	'adminPeople.muniText':
		'Пригласите методиста, педагога или наставника в школу вашего муниципалитета. Он получит доступ, когда войдёт с этим e-mail.',
	'adminPeople.muniBack': 'Показатели муниципалитета',
	'adminPeople.muniNone': 'Муниципалитет не найден: ваша роль муниципального методиста не привязана к муниципалитету.',
	'adminPeople.muniEmailNote':
		'На вашем устройстве нет профилей школ, поэтому повторный e-mail проверит сервер: такое приглашение он не примет.'
} satisfies Record<string, string | ((...args: never[]) => string)>;
