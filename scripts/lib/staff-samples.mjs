// The staff import's sample files in docs/, made by this code and never edited by hand: a school's
// list in UTF-8, and a municipality's list as Russian Excel saves «CSV (разделители — запятые)» —
// Windows-1251, «;», a title line above the header, category expiries mostly left out. The
// municipal sample names the demo municipality's schools the way real lists do, so it can be
// tried in guest mode with the demo data (Муниципалитет → Загрузить кадровый состав).

const HEADER =
	'ФИО;ОО;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории;Предмет;E-mail';

const SCHOOL_ROWS = [
	[
		'Петрова Анна Сергеевна',
		'СОШ № 1',
		'12.03.1990',
		'5',
		'высшее',
		'первая',
		'31.05.2028',
		'математика',
		'petrova@school1.example'
	],
	[
		'Белов Пётр Ильич',
		'СОШ № 1',
		'1985-07-01',
		'14',
		'высшее',
		'высшая',
		'2029-12-25',
		'"история, обществознание"',
		'belov@school1.example'
	],
	[
		'Кузнецова Мария Олеговна',
		'СОШ № 1',
		'03.11.2001',
		'0',
		'среднее профессиональное',
		'без категории',
		'',
		'начальные классы',
		''
	],
	[
		'Соколов Игорь Валентинович',
		'СОШ № 1',
		'21.09.1968',
		'31',
		'высшее',
		'соответствие занимаемой должности',
		'15.04.2027',
		'физическая культура',
		''
	],
	['Лебедева Ольга Николаевна', 'МБОУ «СОШ №1»', '08.05.1979', '20', 'высшее', 'первая', '', 'химия', '']
];

const MUNICIPAL_HEADER =
	'№;ФИО;ОО;Должность;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории;Предмет';
const MUNICIPAL_ROWS = [
	[
		'Орлова Светлана Петровна',
		'МБОУ «Кадниковская СОШ»',
		'учитель',
		'14.02.1988',
		'9',
		'высшее',
		'первая',
		'',
		'биология'
	],
	[
		'Жуков Денис Андреевич',
		'МБОУ «Кадниковская СОШ»',
		'учитель',
		'30.06.1995',
		'3',
		'высшее',
		'без категории',
		'',
		'физика'
	],
	[
		'Мельникова Ольга Ивановна',
		'Кадниковская СОШ',
		'учитель',
		'21.02.1979',
		'22',
		'высшее',
		'высшая',
		'25.12.2029',
		'"история, обществознание"'
	],
	[
		'Зайцева Наталья Викторовна',
		'МБОУ "Сокольская СОШ № 1"',
		'учитель',
		'17.08.1972',
		'28',
		'высшее',
		'соответствие занимаемой должности',
		'',
		'начальные классы'
	],
	[
		'Павлов Кирилл Олегович',
		'Сокольская СШ N1',
		'учитель',
		'09.03.2001',
		'0',
		'высшее',
		'без категории',
		'',
		'информатика'
	],
	[
		'Смирнова Анна Юрьевна',
		'МБОУ «Чучковская ООШ»',
		'учитель',
		'02.04.1990',
		'10',
		'высшее',
		'первая',
		'',
		'математика'
	],
	[
		'Кузнецов Игорь Петрович',
		'МБОУ «Чучковская ООШ»',
		'учитель',
		'19.12.1959',
		'40',
		'среднее профессиональное',
		'первая',
		'',
		'технология'
	],
	[
		'Соколова Марина Алексеевна',
		'МОУ «Биряковская школа»',
		'учитель',
		'15.05.1983',
		'17',
		'высшее',
		'высшая',
		'',
		'химия'
	]
];

/** @type {Map<string, number> | null} */
let table = null;
/**
 * Windows-1251 bytes of `text`, through the inverse of the platform's own decoder.
 * @param {string} text
 */
export function windows1251(text) {
	const decoder = new TextDecoder('windows-1251');
	const bytes = (table ??= new Map(
		Array.from({ length: 0x80 }, (_, i) => [decoder.decode(Uint8Array.of(0x80 + i)), 0x80 + i])
	));
	return Uint8Array.from(text, (ch) => {
		const code = ch.charCodeAt(0);
		const byte = code < 0x80 ? code : bytes.get(ch);
		if (byte === undefined) throw new RangeError(`«${ch}» has no Windows-1251 byte`);
		return byte;
	});
}

/**
 * [path, bytes] of every sample.
 * @returns {[string, Uint8Array][]}
 */
export function samples() {
	const school = [HEADER, ...SCHOOL_ROWS.map((r) => r.join(';'))].join('\n') + '\n';
	const municipal =
		[
			'Кадровый состав педагогических работников Сокольского МО на 01.09.2026;;;;;;;;;',
			MUNICIPAL_HEADER,
			...MUNICIPAL_ROWS.map((r, i) => [i + 1, ...r].join(';'))
		].join('\r\n') + '\r\n';
	return [
		['docs/staff-import-sample.csv', new TextEncoder().encode(school)],
		['docs/staff-import-sample-municipal-1251.csv', windows1251(municipal)]
	];
}
