/**
 * The words of forms — what is wrong with a field, what another tab typed into the same form —
 * and of the page for an unknown address. Not in the shell part, which ships with every first
 * page: forms show these only after a person typed or saved, and the root layout loads this part
 * once the first screen is up; the unknown-address page waits for it.
 */
export const messages = {
	'draft.notStored':
		'Черновик не сохраняется: на устройстве закончилось место. Текст останется, только пока приложение открыто.',
	'draft.conflict': 'В другой вкладке здесь было введено другое:',
	'draft.conflictSaved': 'Пока вы печатали, здесь сохранили другое (в другой вкладке или на другом устройстве):',
	'draft.take': 'Взять тот текст',
	'draft.keepMine': 'Оставить мой',
	'draft.conflictReplaced': 'Текст, введённый здесь, заменён более поздним из другой вкладки. Ваш текст:',
	'draft.takeBack': 'Вернуть мой текст',
	'draft.keepNewer': 'Оставить новый',
	'validation.required': 'Заполните поле',
	'validation.too_short': (p: { min: number | string }) => `Не короче ${p.min} симв.`,
	'validation.too_long': (p: { max: number | string }) => `Не длиннее ${p.max} симв.`,
	'validation.not_a_number': 'Введите число',
	'validation.not_integer': 'Введите целое число',
	'validation.out_of_range': (p: { min?: number | string; max?: number | string; gt?: number | string }) =>
		p.gt !== undefined
			? p.max !== undefined
				? `Больше ${p.gt} и не больше ${p.max}`
				: `Должно быть больше ${p.gt}`
			: p.min !== undefined && p.max !== undefined
				? `Значение от ${p.min} до ${p.max}`
				: p.min !== undefined
					? `Значение не меньше ${p.min}`
					: `Значение не больше ${p.max}`,
	'validation.invalid_date': 'Введите дату в формате ДД.ММ.ГГГГ',
	'validation.date_before': (p: { min: string }) => `Дата не раньше ${p.min}`,
	'validation.date_after': (p: { max: string }) => `Дата не позже ${p.max}`,
	'validation.invalid_option': 'Выберите значение из списка',
	'validation.invalid_url': 'Введите ссылку, начинающуюся с http:// или https://',
	'validation.invalid_email': 'Введите адрес электронной почты',
	'validation.invalid_id': 'Некорректная ссылка на запись',
	'validation.invalid_type': 'Некорректное значение',
	'validation.not_allowed': 'Это поле здесь не заполняется',
	'validation.must_differ': 'Значение должно отличаться',
	'validation.duplicate': 'Значение повторяется',
	'validation.mismatch': 'Значение не согласуется со связанной записью',
	'validation.invalid_character':
		'Текст содержит повреждённый символ (половину эмодзи или иероглифа) — удалите его и введите заново',
	// The page of an address the app does not have (routes/+error.svelte), which waits for them.
	'error.pageMissing': 'Страница не найдена',
	'error.pageMissingText':
		'Такой страницы в приложении нет: возможно, ссылка устарела или в адресе опечатка. Ваши данные на месте.',
	'error.pageFailed': 'Страница не открылась',
	'error.pageFailedText':
		'Что-то пошло не так. Вернитесь на главную и попробуйте ещё раз; введённые данные сохранены на устройстве.',
	'error.toStart': 'На главную'
};
