/** Academic years, monitoring windows, settings and targets (/admin/settings). Russian is the source language. */
export const messages = {
	'adminSettings.title': 'Годы и настройки',
	'adminSettings.intro':
		'Окна мониторинга по учебным годам, настройки отчётов региона и плановые значения показателей для региона, муниципалитетов и школ.',
	'adminSettings.back': 'Администрирование',
	'adminSettings.year': 'Учебный год',
	'adminSettings.yearOption': (label: string, which: string) => (which ? `${label} — ${which}` : label),
	'adminSettings.yearCurrent': 'текущий',
	'adminSettings.yearNext': 'следующий',
	'adminSettings.yearHint': 'Окна мониторинга и плановые значения задаются на выбранный учебный год.',
	'adminSettings.orgOption': (name: string, kind: string) => `${name} (${kind})`,
	'adminSettings.noOrganizations': 'Организаций пока нет: сначала создайте регион в разделе «Организации».',

	// Monitoring windows
	'adminSettings.windows.title': 'Окна мониторинга',
	'adminSettings.windows.hint':
		'Даты, в которые проходят входная, промежуточная и итоговая диагностика. Муниципалитет может сузить окна региона, но не расширить. Этап без дат остаётся без окна.',
	'adminSettings.windows.org': 'Регион или муниципалитет',
	'adminSettings.windows.stage.entry': 'Входная диагностика',
	'adminSettings.windows.stage.intermediate': 'Промежуточная диагностика',
	'adminSettings.windows.stage.final': 'Итоговая диагностика',
	'adminSettings.windows.from': 'с',
	'adminSettings.windows.to': 'по',
	'adminSettings.windows.regionWindow': (from: string, to: string) => `Окно региона: с ${from} по ${to}`,
	'adminSettings.windows.regionNone': 'Регион не задал окно этого этапа: подойдут любые даты учебного года.',
	'adminSettings.windows.save': 'Сохранить окна',
	'adminSettings.windows.saved': (org: string, year: string) =>
		`Окна мониторинга сохранены: ${org}, ${year} учебный год.`,
	'adminSettings.windows.refused': 'Окна не сохранены: исправьте ошибки рядом с датами.',
	'adminSettings.windows.incomplete': 'Укажите обе даты окна или оставьте обе пустыми.',
	'adminSettings.windows.format': 'Это не дата: укажите день, месяц и год.',
	'adminSettings.windows.order': 'Дата «по» не может быть раньше даты «с».',
	'adminSettings.windows.outsideYear': (year: string, from: string, to: string) =>
		`Окно должно лежать внутри ${year} учебного года: с ${from} по ${to}`,
	'adminSettings.windows.outsideRegion': (from: string, to: string) =>
		`Окно муниципалитета должно лежать внутри окна региона: с ${from} по ${to}`,
	'adminSettings.windows.municipalityOutside': (name: string, from: string, to: string) =>
		`Муниципалитет «${name}» уже сузил это окно (с ${from} по ${to}): окно региона должно его вмещать. Сначала измените окно муниципалитета.`,

	// Region settings
	'adminSettings.region.title': 'Настройки региона',
	'adminSettings.region.region': 'Регион',
	'adminSettings.region.offline':
		'Настройки региона хранятся на сервере и меняются только при подключении к нему. Пока действуют значения по умолчанию:',
	'adminSettings.region.loading': 'Загружаем настройки с сервера…',
	'adminSettings.region.loadFailed': 'Не удалось загрузить настройки: нет связи с сервером. Проверьте подключение.',
	'adminSettings.region.retry': 'Повторить',
	'adminSettings.region.threshold': 'Порог прироста',
	'adminSettings.region.thresholdHint':
		'От 0 до 3, например 0,25: на сколько баллов должен вырасти средний балл группы компетенций от входной к итоговой диагностике, чтобы считаться приростом.',
	'adminSettings.region.minGroup': 'Минимальный размер группы',
	'adminSettings.region.minGroupHint':
		'Не меньше 5: муниципалитет и регион не видят показателей группы меньше этого числа педагогов, чтобы нельзя было узнать данные одного человека.',
	'adminSettings.region.yearsFrom': 'Первый учебный год в отчётах',
	'adminSettings.region.yearsFromDefault': 'По умолчанию: текущий и два предыдущих',
	'adminSettings.region.yearsFromHint': 'С какого учебного года отчёты муниципалитетов и региона предлагают данные.',
	'adminSettings.region.reference': 'Дата отсчёта кадрового профиля',
	'adminSettings.region.referenceHint':
		'На эту дату считаются возраст и стаж педагогов. Сентябрь–декабрь относятся к первому календарному году учебного года, январь–август — ко второму.',
	'adminSettings.region.day': 'День',
	'adminSettings.region.month': 'Месяц',
	'adminSettings.region.referenceExample': (dayMonth: string, year: string, date: string) =>
		`${dayMonth}: в ${year} учебном году — ${date}.`,
	'adminSettings.region.save': 'Сохранить настройки',
	'adminSettings.region.saved': (region: string) => `Настройки региона «${region}» сохранены на сервере.`,
	'adminSettings.region.forbidden': 'Сервер не принял изменения: менять настройки региона может только администратор.',
	'adminSettings.region.rejected': 'Сервер не принял значения: проверьте их и попробуйте ещё раз.',
	'adminSettings.region.saveOffline': 'Нет связи с сервером: настройки не сохранены. Попробуйте, когда связь появится.',
	'adminSettings.region.defaultThreshold': 'Порог прироста',
	'adminSettings.region.defaultMinGroup': 'Минимальный размер группы',
	'adminSettings.region.defaultYears': 'Учебные годы в отчётах',
	'adminSettings.region.defaultReference': 'Дата отсчёта кадрового профиля',
	'adminSettings.problem.required': 'Заполните это поле.',
	'adminSettings.problem.not_a_number': 'Введите число, например 0,25.',
	'adminSettings.problem.threshold_range': 'Порог прироста — число от 0 до 3, например 0,25.',
	'adminSettings.problem.not_integer': 'Введите целое число педагогов.',
	'adminSettings.problem.below_min':
		'Не меньше 5: группа меньше пяти педагогов позволила бы узнать данные одного человека.',
	'adminSettings.problem.too_large': 'Не больше 1000 педагогов.',
	'adminSettings.problem.invalid_year': 'Выберите учебный год из списка.',
	'adminSettings.problem.invalid_day': 'В этом месяце нет такого дня (29 февраля есть не в каждом году).',

	// Indicator targets
	'adminSettings.targets.title': 'Плановые значения показателей',
	'adminSettings.targets.hint':
		'Плановое значение действует для самой организации и всех, кто ниже, пока они не зададут своё. Серым в поле показано значение, которое действует сейчас (унаследованное). Пустое поле — своего значения нет.',
	'adminSettings.targets.org': 'Организация',
	'adminSettings.targets.colIndicator': 'Показатель',
	'adminSettings.targets.colValue': 'Плановое значение, %',
	'adminSettings.targets.inherited': (value: string, from: string) => `Унаследовано: ${value} (${from})`,
	'adminSettings.targets.notInherited': 'Выше не задано',
	'adminSettings.targets.invalid': 'Введите число от 0 до 100, например 30 или 27,5.',
	'adminSettings.targets.save': 'Сохранить плановые значения',
	'adminSettings.targets.saved': (org: string, year: string) =>
		`Плановые значения сохранены: ${org}, ${year} учебный год.`,
	'adminSettings.targets.unchanged': 'Нечего сохранять: значения не менялись.',
	'adminSettings.targets.refused': 'Плановые значения не сохранены: исправьте ошибки рядом с полями.'
} satisfies Record<string, string | ((...args: never[]) => string)>;
