import { pluralRu } from '../plural';
import { number } from '../format';

// Counts of a whole municipality's list run into thousands: «5 000».
const n0 = (n: number) => number(n, 0);

/**
 * Signing in and out, moving guest data, invitations, and sync status (the shell's chip, the sync
 * screen, the first download). Russian is the source language.
 */
export const messages = {
	'account.title': 'Учётная запись',
	'account.signInTitle': 'Вход в «Траекторию»',
	'account.signInText':
		'Учётные записи создаются по приглашению: методист школы или администратор добавляет ваш e-mail. Войти можно с паролем или по ссылке из письма.',
	'account.email': 'E-mail',
	'account.password': 'Пароль',
	'account.submit': 'Войти',
	'account.signingIn': 'Входим…',
	'account.orLink': 'Нет пароля?',
	'account.sendLink': 'Получить ссылку для входа',
	'account.sendingLink': 'Отправляем ссылку…',
	'account.linkSent': (email: string) => `Ссылка для входа отправлена на ${email}. Откройте письмо на этом устройстве.`,
	'account.emailRequired': 'Введите e-mail',
	'account.emailInvalid': 'Проверьте адрес: например, ivanova@school.ru',
	'account.passwordRequired': 'Введите пароль',
	'account.problem.invalid_credentials': 'Неверный e-mail или пароль',
	'account.problem.not_invited': 'Этот адрес не приглашён. Попросите методиста школы или администратора добавить вас.',
	'account.problem.offline': 'Нет связи — войти можно, когда появится интернет',
	'account.problem.email_not_confirmed': 'Адрес ещё не подтверждён — откройте письмо со ссылкой.',
	'account.problem.rate_limited': 'Слишком много попыток. Подождите минуту и повторите.',
	'account.problem.unknown': 'Не удалось войти. Повторите попытку.',
	'account.guestOnly': 'Гостевой режим — данные только на этом устройстве',
	'account.guestText':
		'Войдите, чтобы данные сохранялись на сервере и были доступны на другом устройстве, наставнику и методисту.',
	'account.signInLink': 'Войти',
	'account.signedIn': 'Вы вошли',
	'account.signedInAs': (who: string) => `Вы вошли как ${who}`,
	'account.continue': 'Продолжить',
	'account.syncLink': 'Синхронизация',
	'account.signOut': 'Выйти',
	'account.signOutTitle': 'Выйти на этом устройстве?',
	'account.keepData': 'Оставить данные на устройстве',
	'account.keepDataText':
		'Для своего телефона или компьютера: при следующем входе всё будет на месте. Выход — во всех вкладках.',
	'account.eraseData': 'Удалить с устройства',
	'account.eraseDataText':
		'Для общего компьютера: ваши данные исчезнут с этого устройства во всех вкладках — вместе с тем, что здесь делали без входа, и со следами входа в браузере. На сервере сохранится всё, что уже отправлено.',
	'account.eraseGuestWork': (n: number) =>
		`Данные гостя (${n} ${pluralRu(n, 'запись', 'записи', 'записей')}), которые вы не перенесли в учётную запись, тоже будут удалены: на сервере их нет.`,
	'account.eraseBlocked': (n: number) =>
		`Удалить нельзя: ${n} ${pluralRu(n, 'изменение ещё не принято', 'изменения ещё не приняты', 'изменений ещё не приняты')} сервером. Дождитесь синхронизации или разберите их на экране «Синхронизация».`,
	'account.signedOut': 'Вы вышли. Приложение в гостевом режиме.',
	'account.signedOutKept': (n: number) =>
		`Вы вышли, но данные остались на устройстве: ${n} ${pluralRu(n, 'изменение ещё не принято', 'изменения ещё не приняты', 'изменений ещё не приняты')} сервером. Они отправятся, когда вы снова войдёте.`,
	'account.moveTitle': 'Перенести данные гостя в учётную запись',
	'account.moveWhose': (name: string) =>
		`До вашего входа на этом устройстве работали без учётной записи, под именем «${name}».`,
	'account.moveNoName': 'До вашего входа на этом устройстве работали без учётной записи (имя в профиле не указано).',
	'account.moveWhat': 'Можно перенести в вашу учётную запись — и отправить на сервер под вашим именем:',
	'account.movePart.profile': 'ответы профиля: должность, предметы, стаж, категория, образование, год рождения',
	'account.movePart.assessments': (n: number) => `${n} ${pluralRu(n, 'самооценка', 'самооценки', 'самооценок')}`,
	'account.movePart.deficits': (n: number) => `${n} ${pluralRu(n, 'дефицит', 'дефицита', 'дефицитов')}`,
	'account.movePart.plans': (n: number) => `${n} ИОМ`,
	'account.movePart.actions': (n: number) =>
		`${n} ${pluralRu(n, 'мероприятие ИОМ', 'мероприятия ИОМ', 'мероприятий ИОМ')}`,
	'account.movePart.activities': (n: number) =>
		`${n} ${pluralRu(n, 'мероприятие', 'мероприятия', 'мероприятий')} (курсы, открытые уроки, конкурсы)`,
	'account.moveTitles': (titles: string) => `В том числе: ${titles}.`,
	'account.moveNotYours':
		'Если это не ваши данные, нажмите «Не переносить»: они будут удалены с этого устройства и больше никому не будут предложены.',
	'account.moveDropped': 'Данные гостя удалены с устройства',
	'account.move': 'Перенести',
	'account.moving': 'Переносим…',
	'account.moveSkip': 'Не переносить',
	'account.moved': (n: number) => `Перенесено ${n} ${pluralRu(n, 'запись', 'записи', 'записей')}`,
	'account.moveWait': 'Перенести можно, когда загрузится ваш профиль.',
	'account.elsewhere.signed-out': 'Вы вышли из учётной записи в другой вкладке. Здесь теперь гостевой режим.',
	'account.elsewhere.erased':
		'В другой вкладке вы вышли и удалили свои данные с этого устройства. Здесь теперь гостевой режим; то, что вводилось в этой вкладке, не сохранено.',
	'account.elsewhere.signed-in':
		'В другой вкладке выполнен вход в учётную запись — эта вкладка теперь тоже работает в ней.',
	'account.people': 'Сотрудники и приглашения',
	'account.peopleText': 'Добавьте сотрудника с его e-mail и ролью — после этого он сможет войти в «Траекторию» сам.',
	'account.invite': 'Пригласить сотрудника',
	'account.fullName': 'ФИО',
	'account.role': 'Роль',
	'account.position': 'Должность',
	'account.birthYear': 'Год рождения',
	'account.experience': 'Педагогический стаж, лет',
	'account.education': 'Образование',
	'account.inviteHint': 'Остальное (предметы, категорию) сотрудник заполнит в своём профиле.',
	'account.add': 'Добавить',
	'account.adding': 'Добавляем…',
	'account.invited': (name: string) => `${name}: приглашение сохранено. Оно уйдёт на сервер при синхронизации.`,
	'account.emailTaken': 'Сотрудник с таким e-mail уже есть',
	'account.noSchool': 'Ваш профиль не привязан к школе — приглашать можно только в свою школу.',
	'account.staff': 'Сотрудники школы',
	'account.hasAccount': 'вошёл(ла) в приложение',
	'account.notYet': 'ещё не входил(а)',
	'account.noEmail': 'нет e-mail',
	'account.importTitle': 'Загрузить кадровый состав',
	'account.importText':
		'Файл XLSX или CSV (как его сохраняет Excel, в том числе «CSV (разделители — запятые)» и «Текст Юникод»). Строка заголовков — ФИО, ОО, Дата рождения, Педагогический стаж, Образование, Квалификационная категория и, если есть, Срок действия категории, Предмет, E-mail; над ней может быть заголовок таблицы. Сначала покажем, что изменится; в приложение запишется только после подтверждения. Повторная загрузка того же файла ничего не меняет.',
	'account.importFile': 'Файл со списком сотрудников (CSV или XLSX)',
	'account.importReading': 'Читаем файл…',
	'account.importUnreadable':
		'Не удалось прочитать файл. Сохраните таблицу как «Книга Excel (.xlsx)» или CSV и выберите её снова.',
	'account.importPreview': (file: string) => `Проверка файла «${file}»`,
	'account.importCreate': (n: number) => `Новых сотрудников: ${n0(n)}`,
	'account.importUpdate': (n: number) => `Данные изменятся: ${n0(n)}`,
	'account.importSame': (n: number) => `Без изменений: ${n0(n)}`,
	'account.importRejected': (n: number) =>
		`${n0(n)} ${pluralRu(n, 'строка с ошибками не будет загружена', 'строки с ошибками не будут загружены', 'строк с ошибками не будут загружены')}`,
	'account.importProblems': 'Ошибки в файле',
	'account.importWarnings': 'Предупреждения',
	'account.importWarningsNote': '— эти строки будут загружены',
	'account.importWarning.expiry_unknown': 'Срок действия категории не указан — категория будет считаться действующей.',
	'account.importMore': (shown: number, total: number) => `Показаны первые ${n0(shown)} из ${n0(total)}.`,
	'account.importAsOf': (date: string) => `Стаж в файле — на ${date} (дата из заголовка файла).`,
	'account.importAsOfToday': (date: string) =>
		`В заголовке файла нет даты — стаж записывается как есть на сегодня, ${date}.`,
	'account.importLine': 'Строка',
	'account.importColumn': 'Столбец',
	'account.importReason': 'Что не так',
	'account.importWholeRow': 'вся строка',
	'account.importApply': 'Загрузить',
	'account.importApplying': 'Загружаем…',
	'account.importCancel': 'Отмена',
	'account.importNothing': 'Все сотрудники из файла уже есть в приложении — менять нечего.',
	'account.importDone': (created: number, updated: number) =>
		`Кадровый состав загружен: новых ${n0(created)}, изменено ${n0(updated)}. Изменения уйдут на сервер при синхронизации.`,
	'account.muniTitle': 'Кадровый состав муниципалитета',
	'account.muniText':
		'Один файл на все школы муниципалитета, с теми же столбцами, что и у школьной загрузки; в столбце ОО — название школы. Школы сопоставляются по названию: кавычки, МБОУ/МКОУ/МАОУ, «СОШ» и «средняя общеобразовательная школа», «№ 5» и «N5», регистр и пробелы не важны. Каждое сопоставление и каждую ненайденную школу нужно подтвердить — до этого ничего не записывается.',
	'account.muniMunicipality': 'Муниципалитет',
	'account.muniNoMunicipality': 'Муниципалитетов пока нет — их добавляет администратор.',
	'account.muniNoSchools': 'В этом муниципалитете нет школ — сначала их добавляет администратор.',
	'account.muniSchools': 'Школы в файле',
	'account.muniFileSchool': 'Как в файле',
	'account.muniStoredSchool': 'Школа в приложении',
	'account.muniRows': 'Строк',
	'account.muniSelect': (name: string) => `Школа для «${name}»`,
	'account.muniMatched': 'совпадает по названию',
	'account.muniAmbiguous': 'подходят несколько школ — выберите одну',
	'account.muniUnknown': 'не найдена — выберите школу или «Не загружать»',
	'account.muniChoose': '— выберите школу —',
	'account.muniSkip': 'Не загружать эти строки',
	'account.muniUnresolved': (n: number) =>
		`Осталось выбрать школу для ${n0(n)} ${pluralRu(n, 'названия', 'названий', 'названий')} из файла (или «Не загружать»).`,
	'account.muniConfirm': 'Школы верны — проверить строки',
	'account.muniChecking': 'Проверяем…',
	'account.muniBySchool': 'По школам',
	'account.muniSchool': 'Школа',
	'account.muniCreate': 'Новых',
	'account.muniUpdate': 'Изменится',
	'account.muniSame': 'Без изменений',
	'account.muniRejected': 'С ошибками',
	'account.muniSkipped': (n: number) =>
		`Не загружаются — школа не выбрана: ${n0(n)} ${pluralRu(n, 'строка', 'строки', 'строк')}`,
	'account.muniSkippedColumn': 'Не загружаются',
	'account.muniTotal': 'Итого',
	'account.muniBack': 'Изменить школы',
	'account.muniDone': (created: number, updated: number, schools: number) =>
		`Кадровый состав загружен: новых ${n0(created)}, изменено ${n0(updated)} — ${n0(schools)} ${pluralRu(schools, 'школа', 'школы', 'школ')}.`,
	'account.muniDoneLocal': 'Изменения уйдут на сервер при синхронизации.',
	'account.muniResult': 'Открыть показатели муниципалитета',
	'account.muniOffline':
		'Нет связи: кадровый состав муниципалитета проверяется и записывается на сервере. Подключитесь к интернету и повторите.',
	'account.importProblem.empty_file': (_value: string, _ref: number) => 'В файле нет строк с сотрудниками.',
	'account.importProblem.too_many_rows': (_value: string, _ref: number) =>
		'Больше 10 000 строк — разделите файл на части.',
	'account.importProblem.missing_column': (_value: string, _ref: number) =>
		'Нет такого столбца: добавьте его в первую строку файла.',
	'account.importProblem.duplicate_column': (_value: string, _ref: number) =>
		'Столбец встречается дважды — оставьте один.',
	'account.importProblem.required': (_value: string, _ref: number) => 'Не заполнено.',
	'account.importProblem.too_long': (_value: string, _ref: number) => 'Слишком длинный текст: не больше 200 знаков.',
	'account.importProblem.invalid_date': (value: string, _ref: number) =>
		`«${value}» — не дата. Пишите ДД.ММ.ГГГГ, например 12.03.1985.`,
	'account.importProblem.date_out_of_range': (value: string, _ref: number) =>
		`${value} — такой даты здесь быть не может, проверьте год.`,
	'account.importProblem.not_a_number': (value: string, _ref: number) =>
		`«${value}» — не число: укажите полных лет стажа, например 12.`,
	'account.importProblem.out_of_range': (value: string, _ref: number) => `${value} — стаж бывает от 0 до 60 лет.`,
	'account.importProblem.unknown_education': (value: string, _ref: number) =>
		`«${value}» — укажите «высшее» или «среднее профессиональное».`,
	'account.importProblem.unknown_category': (value: string, _ref: number) =>
		`«${value}» — укажите «высшая», «первая», «соответствие занимаемой должности» или оставьте пустым.`,
	'account.importProblem.expiry_not_allowed': (value: string, _ref: number) =>
		`Срок ${value} указан, а категории нет: уберите срок или укажите категорию.`,
	'account.importProblem.invalid_email': (value: string, _ref: number) =>
		`«${value}» — проверьте адрес, например ivanova@school.ru.`,
	'account.importProblem.too_many_subjects': (_value: string, _ref: number) => 'Не больше 20 предметов.',
	'account.importProblem.other_school': (value: string, _ref: number) =>
		`«${value}» — другая ОО: загрузить можно только сотрудников своей школы.`,
	'account.importProblem.unknown_school': (value: string, _ref: number) =>
		`«${value}» — строки этой школы не загружаются.`,
	'account.importProblem.duplicate_in_file': (_value: string, ref: number) =>
		`Этот сотрудник уже есть в строке ${ref}.`,
	'account.importProblem.ambiguous_match': (_value: string, _ref: number) =>
		'В приложении несколько сотрудников с такими ФИО и датой рождения — укажите e-mail, чтобы различить их.',
	'account.importProblem.email_mismatch': (value: string, _ref: number) =>
		`Сотрудник найден по ФИО и дате рождения, но его e-mail не ${value}. Исправьте e-mail в файле или в профиле.`,
	'account.importProblem.profile_elsewhere': (_value: string, _ref: number) =>
		'Этот сотрудник числится в другой ОО — обратитесь к администратору.',
	'account.importProblem.protected_profile': (_value: string, _ref: number) =>
		'Это администратор или муниципальный методист: его профиль загрузка не меняет.',
	'account.importProblem.invalid_value': (_value: string, _ref: number) => 'Недопустимое значение.',
	'sync.guest':
		'Гостевой режим — данные только на этом устройстве. Синхронизация начнётся, когда вы войдёте в учётную запись (Настройки → Учётная запись).',
	'files.waiting': 'Ждёт отправки на сервер',
	'files.missing': 'Фото пока не доступно: оно ещё не отправлено с устройства автора или нет связи',
	'files.error.too_large': 'Сервер не принял файл: больше 10 МБ',
	'files.error.unsupported_type': 'Сервер не принял файл: такой тип не подходит (нужны фото, PDF или документ Office)',
	'files.error.forbidden': 'Сервер не принял файл: нет прав приложить его к этой записи',
	'files.error.not_found': 'Файл не найден на сервере',
	'files.error.offline': 'Нет связи — отправим позже',
	'files.error.auth': 'Войдите снова, чтобы отправить файл',
	'files.error.server': 'Сервер временно недоступен — отправим позже',
	'sync.title': 'Синхронизация',
	'sync.chipLabel': 'Состояние синхронизации — подробнее',
	'sync.saved': 'Всё сохранено на сервере',
	'sync.unsent': (n: number) => `Не отправлено: ${n}`,
	'sync.syncing': 'Синхронизация…',
	'sync.failed': (reason: string) => `Ошибка: ${reason}`,
	'sync.offlineChip': 'Нет сети',
	'sync.rejectedChip': (n: number) => `Не принято сервером: ${n}`,
	'sync.conflictsChip': (n: number) => `Проверьте: ${n}`,
	'sync.loadingData': 'Загружаем ваши данные…',
	'sync.loadingText': 'Первая загрузка может занять несколько минут на медленной связи. Не закрывайте приложение.',
	'sync.received': (n: number) => `Получено записей: ${n}`,
	'sync.noProfile':
		'Ваша учётная запись ещё не связана с профилем в школе. Обратитесь к методисту школы или администратору.',
	'sync.waitingNetwork': 'Для первой загрузки нужен интернет. Подключитесь к сети — загрузка начнётся сама.',
	'sync.short.offline': 'нет связи',
	'sync.short.auth': 'войдите снова',
	'sync.short.server': 'сервер недоступен',
	'sync.short.protocol': 'сбой обмена',
	'sync.short.seq_gap': 'очередь расходится с сервером',
	'sync.short.client_owned_by_other_user': 'устройство другого пользователя',
	'sync.short.quota': 'нет места на устройстве',
	'sync.short.unknown': 'неизвестная ошибка',
	'sync.error.offline':
		'Нет связи с сервером. Изменения сохранены на устройстве и отправятся, когда появится интернет.',
	'sync.error.auth':
		'Сеанс входа истёк. Войдите снова, чтобы отправить изменения; до тех пор они хранятся на устройстве.',
	'sync.error.server': 'Сервер временно не отвечает. Повторим автоматически; изменения сохранены на устройстве.',
	'sync.error.protocol': 'Сервер ответил непонятно — возможно, приложение устарело. Обновите приложение.',
	'sync.error.seq_gap':
		'Очередь изменений на устройстве разошлась с сервером. Ничего не потеряно: экспортируйте данные в настройках и обратитесь к администратору.',
	'sync.error.client_owned_by_other_user':
		'На сервере это устройство записано за другим пользователем. Выйдите и войдите снова.',
	'sync.error.quota':
		'На устройстве закончилось место — полученные данные не сохранить. Освободите память и повторите.',
	'sync.error.unknown': 'Синхронизация не удалась. Повторим автоматически.',
	'sync.signInAgain': 'Войти снова',
	'sync.now': 'Синхронизировать сейчас',
	'sync.pending': 'Не отправлено на сервер',
	'sync.files': 'Файлов ждут отправки',
	'sync.filesHint': 'Фото и файлы отправляются после записей, к которым они приложены.',
	'sync.filesFailed': 'Файлов не принято сервером',
	'sync.oldest': 'Самое давнее неотправленное',
	'sync.lastSynced': 'Последняя синхронизация',
	'sync.never': 'ещё не было',
	'sync.none': 'нет',
	'sync.justNow': 'только что',
	'sync.minutesAgo': (n: number) => `${n} ${pluralRu(n, 'минуту', 'минуты', 'минут')} назад`,
	'sync.hoursAgo': (n: number) => `${n} ${pluralRu(n, 'час', 'часа', 'часов')} назад`,
	'sync.daysAgo': (n: number) => `${n} ${pluralRu(n, 'день', 'дня', 'дней')} назад`,
	'sync.progress': 'Загрузка данных с сервера',
	'sync.conflicts': 'Изменения, которые пересеклись',
	'sync.conflictsText':
		'Одно и то же поле изменили на двух устройствах. Сохранилось значение, пришедшее на сервер позже; прежнее показано рядом — выберите, какое оставить.',
	'sync.noConflicts': 'Пересечений нет.',
	'sync.conflictOf': (table: string, field: string) => `${table}: поле «${field}»`,
	'sync.valueNow': 'Сейчас',
	'sync.valueBefore': 'Было до перезаписи',
	'sync.keepMine': 'Оставить моё',
	'sync.keepTheirs': 'Вернуть прежнее',
	'sync.empty': '(пусто)',
	'sync.rejected': 'Изменения, которые сервер не принял',
	'sync.rejectedText':
		'Они не потеряны: экспортируйте их в файл, повторите отправку, когда причина устранена, или уберите из списка.',
	'sync.noRejected': 'Все изменения приняты.',
	'sync.rejectedOf': (table: string, when: string) => `${table}, ${when}`,
	'sync.reason': (reason: string) => `Причина: ${reason}`,
	'sync.export': 'Экспорт',
	'sync.retry': 'Повторить',
	'sync.dismiss': 'Убрать',
	'sync.dismissTitle': 'Убрать изменение из списка?',
	'sync.dismissText':
		'Оно не будет отправлено на сервер и пропадёт с этого устройства. Если оно может понадобиться, сначала сохраните его через «Экспорт».',
	'sync.dismissConfirm': 'Да, убрать',
	'sync.resolved': 'Выбор сохранён',
	'sync.retried': 'Изменение снова в очереди на отправку',
	'sync.dismissed': 'Изменение убрано',
	'sync.reason.forbidden': 'нет прав на это изменение',
	'sync.reason.invalid_type': 'значение неверного типа',
	'sync.reason.invalid_value': 'недопустимое значение',
	'sync.reason.unknown_table': 'неизвестная таблица (приложение устарело?)',
	'sync.reason.unknown_column': 'неизвестное поле (приложение устарело?)',
	'sync.reason.malformed': 'изменение повреждено',
	'sync.reason.not_found': 'запись не найдена на сервере',
	'sync.reason.too_long': 'слишком длинный текст',
	'sync.table.organizations': 'Организация',
	'sync.table.memberships': 'Роль в организации',
	'sync.table.profiles': 'Профиль',
	'sync.table.frameworks': 'Компетенции',
	'sync.table.assessments': 'Диагностика',
	'sync.table.deficits': 'Дефицит',
	'sync.table.development_plans': 'ИОМ',
	'sync.table.plan_actions': 'Мероприятие ИОМ',
	'sync.table.activities': 'Мероприятие',
	'sync.table.mentoring_pairs': 'Наставническая пара',
	'sync.table.mentoring_sessions': 'Встреча с наставником',
	'sync.table.observations': 'Посещение урока',
	'sync.table.comments': 'Комментарий'
} satisfies Record<string, string | ((...args: never[]) => string)>;
