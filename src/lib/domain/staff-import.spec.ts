import { describe, expect, it } from 'vitest';
import { buildMembership, buildOrganization, buildProfile, IDS, uuid } from './testing/builders';
import { schoolKey as schoolKeyOf } from './school-name';
import {
	countsBySchool,
	forServer,
	outcomesFromServer,
	outcomesOf,
	parseCsv,
	parseDate,
	plan,
	placeAndMatch,
	read,
	schoolsIn,
	summary,
	type Existing,
	type SheetRow
} from './staff-import';

const school = buildOrganization();
const HEADER =
	'ФИО;ОО;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории;Предмет;E-mail';
const PETROVA = 'Петрова Анна Сергеевна;СОШ № 1;12.03.1990;5;высшее;первая;31.05.2028;математика;petrova@school.ru';
const nobody: Existing = { profiles: [], memberships: [] };

function csv(...lines: string[]): SheetRow[] {
	return parseCsv([HEADER, ...lines].join('\r\n'));
}

function problemsOf(sheet: SheetRow[], existing: Existing = nobody): string[] {
	return plan(sheet, school, existing).problems.map((p) => `${p.line}:${p.column}:${p.code}`);
}

describe('reading CSV', () => {
	it('splits on semicolons or commas, with quoted fields, doubled quotes and line breaks inside quotes', () => {
		expect(parseCsv('a;"b;c";"say ""hi"""\n1;2;3')).toEqual([
			{ line: 1, cells: ['a', 'b;c', 'say "hi"'] },
			{ line: 2, cells: ['1', '2', '3'] }
		]);
		expect(parseCsv('a,"b, c"\r\n"x\ny",z\r\n\r\nlast,row')).toEqual([
			{ line: 1, cells: ['a', 'b, c'] },
			{ line: 2, cells: ['x\ny', 'z'] },
			{ line: 5, cells: ['last', 'row'] }
		]);
	});

	it('ignores a byte-order mark', () => {
		expect(parseCsv('\uFEFFФИО;ОО')[0]!.cells).toEqual(['ФИО', 'ОО']);
	});

	it('takes the separator from Excel’s «sep=;» line and skips that line, keeping line numbers', () => {
		expect(parseCsv('sep=;\r\nФИО;ОО,Школа\r\nИванова;СОШ № 1')).toEqual([
			{ line: 2, cells: ['ФИО', 'ОО,Школа'] },
			{ line: 3, cells: ['Иванова', 'СОШ № 1'] }
		]);
		expect(parseCsv('"sep=,"\nФИО,ОО')[0]).toEqual({ line: 2, cells: ['ФИО', 'ОО'] });
	});

	it('finds the separator on the header line even below a title line with commas, and in tab-separated text', () => {
		const title = 'Кадровый состав МО «Сокольский», школы, сады, на 01.09.2026';
		expect(parseCsv(`${title}\n${HEADER}\n${PETROVA}`)[1]!.cells).toHaveLength(9);
		const tabbed = [HEADER, PETROVA].map((l) => l.replaceAll(';', '\t')).join('\r\n');
		expect(parseCsv(tabbed)[1]!.cells).toEqual(PETROVA.split(';'));
		// Unquoted commas inside cells of a «;» file (Excel quotes only the separator).
		expect(
			parseCsv(
				`${HEADER}\nИванова;СОШ № 1;01.01.1980;3;высшее;;;математика, физика, астрономия, информатика, черчение, технология, ОБЖ, музыка, ИЗО, МХК;`
			)[1]!.cells
		).toHaveLength(9);
	});
});

describe('reading a real staff list', () => {
	it('finds the header row below title lines, reads the file’s date from them and numbers lines as the file does', () => {
		const sheet = parseCsv(
			[
				'Кадровый состав МО «Сокольский муниципальный округ» на 01.09.2026;;;;;;;;',
				';;;;;;;;',
				HEADER,
				PETROVA,
				'Белов Иван;СОШ № 1;01.07.1985;0;высшее;без категории;;;'
			].join('\r\n')
		);
		const reading = read(sheet);
		expect(reading.problems).toEqual([]);
		expect(reading.asOf).toBe('2026-09-01');
		expect(reading.rowCount).toBe(2);
		expect(reading.rows.map((r) => [r.line, r.fullName])).toEqual([
			[4, 'Петрова Анна Сергеевна'],
			[5, 'Белов Иван']
		]);
		const result = plan(sheet, school, nobody);
		expect(result.problems).toEqual([]);
		expect(result.asOf).toBe('2026-09-01');
		expect(result.steps.map((s) => s.line)).toEqual([4, 5]);
	});

	it('reads a date written out in words in the title, and none when the title has no date', () => {
		expect(read(parseCsv(`Список педагогических работников на 1 сентября 2025 г.\n${HEADER}\n${PETROVA}`)).asOf).toBe(
			'2025-09-01'
		);
		expect(read(parseCsv(`Список педагогических работников\n${HEADER}\n${PETROVA}`)).asOf).toBeNull();
		expect(read(csv(PETROVA)).asOf).toBeNull();
	});

	it('accepts a category without its expiry, listing the row as a warning rather than an error', () => {
		const result = plan(
			csv(PETROVA.replace('31.05.2028', ''), 'Белов Иван;СОШ № 1;01.07.1985;0;высшее;без категории;;;'),
			school,
			nobody
		);
		expect(result.problems).toEqual([]);
		expect(result.warnings).toEqual([{ line: 2, column: 'categoryExpiresOn', code: 'expiry_unknown' }]);
		expect(result.steps[0]).toMatchObject({ kind: 'create', draft: { category: 'first', categoryExpiresOn: null } });
	});

	it('keeps the expiry on record when the file repeats the category without one', () => {
		const existing = buildProfile({
			email: 'petrova@school.ru',
			fullName: 'Петрова Анна Сергеевна',
			birthYear: 1990,
			birthDate: '1990-03-12',
			experienceYears: 5,
			category: 'first',
			categoryExpiresOn: '2028-05-31',
			subjects: ['математика']
		});
		const same = plan(csv(PETROVA.replace('31.05.2028', '')), school, {
			profiles: [existing],
			memberships: [buildMembership({ profileId: existing.id })]
		});
		expect(same.steps).toEqual([{ kind: 'same', line: 2, profileId: existing.id }]);
		expect(same.warnings).toEqual([]);
		const promoted = plan(csv(PETROVA.replace('первая', 'высшая').replace('31.05.2028', '')), school, {
			profiles: [existing],
			memberships: [buildMembership({ profileId: existing.id })]
		});
		expect(promoted.steps).toEqual([
			expect.objectContaining({ kind: 'update', patch: { category: 'highest', categoryExpiresOn: null } })
		]);
		expect(promoted.warnings).toEqual([{ line: 2, column: 'categoryExpiresOn', code: 'expiry_unknown' }]);
	});

	it('accepts the school as the file names it when it is the methodist’s school: «Кадниковская СОШ» for «Кадниковская средняя школа»', () => {
		const kadnikov = buildOrganization({ name: 'МБОУ «Кадниковская средняя школа»', shortName: null });
		expect(plan(csv(PETROVA.replace('СОШ № 1', 'МБОУ «Кадниковская СОШ»')), kadnikov, nobody).problems).toEqual([]);
		expect(
			plan(csv(PETROVA.replace('СОШ № 1', 'МБОУ «Кадниковская ООШ»')), kadnikov, nobody).problems.map((p) => p.code)
		).toEqual(['other_school']);
	});
});

describe('a municipality’s staff list', () => {
	const a = buildOrganization({ id: uuid(1), name: 'МБОУ «Кадниковская средняя школа»', shortName: 'Кадниковская СШ' });
	const b = buildOrganization({ id: uuid(2), name: 'МБОУ «Сокольская средняя школа № 1»', shortName: null });
	const rows = [
		'Петрова Анна Сергеевна;МБОУ «Кадниковская СОШ»;12.03.1990;5;высшее;первая;;математика;petrova@school.ru',
		'Белов Иван;кадниковская сош;01.07.1985;0;высшее;без категории;;;',
		'Орлова Ольга;Сокольская СОШ №1;01.07.1975;20;высшее;высшая;01.01.2030;;',
		'Сидоров Пётр;МБОУ «Школа № 9»;01.07.1975;20;высшее;высшая;01.01.2030;;',
		'Сидорова Анна;МБОУ «Школа № 9»;01.07.1977;21;высшее;;;;'
	];

	it('lists each school the file names once, with its rows, spelled as first met', () => {
		expect(schoolsIn(read(csv(...rows)))).toEqual([
			{ key: expect.any(String), name: 'МБОУ «Кадниковская СОШ»', rows: 2 },
			{ key: expect.any(String), name: 'Сокольская СОШ №1', rows: 1 },
			{ key: expect.any(String), name: 'МБОУ «Школа № 9»', rows: 2 }
		]);
	});

	it('places every row in the school chosen for its name; rows of a school left unchosen are not written', () => {
		const reading = read(csv(...rows));
		const [kadnikov, sokol] = schoolsIn(reading);
		const chosen = new Map([
			[kadnikov!.key, a.id],
			[sokol!.key, b.id]
		]);
		const result = placeAndMatch(reading, (name) => chosen.get(schoolKeyOf(name)) ?? null, 'unknown_school', nobody);
		expect(result.steps.map((s) => [s.line, s.kind, s.kind === 'create' ? s.draft.schoolId : null])).toEqual([
			[2, 'create', a.id],
			[3, 'create', a.id],
			[4, 'create', b.id]
		]);
		expect(result.problems.map((p) => `${p.line}:${p.column}:${p.code}`)).toEqual([
			'5:school:unknown_school',
			'6:school:unknown_school'
		]);
		expect(result.warnings.map((w) => w.line)).toEqual([2]);
		const counts = countsBySchool(
			outcomesOf(result),
			(line) => chosen.get(schoolKeyOf(reading.schoolByLine.get(line) ?? '')) ?? null
		);
		expect(Object.fromEntries(counts)).toEqual({
			[a.id]: { create: 2, update: 0, same: 0, rejected: 0, skipped: 0 },
			[b.id]: { create: 1, update: 0, same: 0, rejected: 0, skipped: 0 },
			null: { create: 0, update: 0, same: 0, rejected: 0, skipped: 2 }
		});
	});

	it('counts a row with a bad value under the school it names', () => {
		const reading = read(csv(rows[0]!, 'Белов Иван;кадниковская сош;31.02.1985;0;высшее;без категории;;;'));
		expect(schoolsIn(reading)).toEqual([{ key: expect.any(String), name: 'МБОУ «Кадниковская СОШ»', rows: 2 }]);
		const result = placeAndMatch(reading, () => a.id, 'unknown_school', nobody);
		expect(Object.fromEntries(countsBySchool(outcomesOf(result), () => a.id))).toEqual({
			[a.id]: { create: 1, update: 0, same: 0, rejected: 1, skipped: 0 }
		});
	});

	it('sends the server only rows placed in a school and not listed twice, and reads its answer line by line', () => {
		const reading = read(
			csv(
				...rows,
				rows[0]!.replace('Петрова Анна Сергеевна', 'Петрова А. С.'),
				'Плохая;Сокольская СОШ №1;01.01.1980;пять;высшее;;;;'
			)
		);
		const sent = forServer(reading, (name) => (schoolKeyOf(name) === schoolKeyOf('Школа № 9') ? null : a.id));
		expect(sent.rows.map((r) => [r.line, r.schoolId])).toEqual([
			[2, a.id],
			[3, a.id],
			[4, a.id]
		]);
		expect(sent.problems.map((p) => `${p.line}:${p.code}`)).toEqual([
			'8:not_a_number',
			'5:unknown_school',
			'6:unknown_school',
			'7:duplicate_in_file'
		]);
		const outcomes = outcomesFromServer(reading, sent, {
			rows: [
				{ line: 2, kind: 'update' },
				{ line: 3, kind: 'problem', code: 'ambiguous_match', column: 'fullName' },
				{ line: 4, kind: 'create' }
			],
			warnings: [2]
		});
		expect(outcomes.written).toEqual([
			{ line: 2, kind: 'update' },
			{ line: 4, kind: 'create' }
		]);
		expect(outcomes.problems.map((p) => [p.line, p.code, p.value])).toEqual([
			[3, 'ambiguous_match', 'Белов Иван'],
			[5, 'unknown_school', 'МБОУ «Школа № 9»'],
			[6, 'unknown_school', 'МБОУ «Школа № 9»'],
			[7, 'duplicate_in_file', undefined],
			[8, 'not_a_number', 'пять']
		]);
		expect(outcomes.warnings).toEqual([{ line: 2, column: 'categoryExpiresOn', code: 'expiry_unknown' }]);
		expect(summary(outcomes)).toEqual({ create: 1, update: 1, same: 0, rejected: 3, skipped: 2 });
	});
});

describe('reading dates', () => {
	it('takes ДД.ММ.ГГГГ, ISO, and Excel day numbers only when asked', () => {
		expect(parseDate('12.03.1990')).toBe('1990-03-12');
		expect(parseDate('1.3.1990')).toBe('1990-03-01');
		expect(parseDate('1990-03-12')).toBe('1990-03-12');
		expect(parseDate('1990-03-12T00:00:00')).toBe('1990-03-12');
		expect(parseDate('30.02.1990')).toBeNull();
		expect(parseDate('32944')).toBeNull();
		expect(parseDate('32944', true)).toBe('1990-03-12');
	});
});

describe('planning a staff import', () => {
	it('creates a profile with a teacher membership for every new person of the school', () => {
		const result = plan(
			csv(PETROVA, 'Белов Иван Петрович;сош №1;1985-07-01;0;Среднее профессиональное;без категории;;;'),
			school,
			nobody
		);
		expect(result.problems).toEqual([]);
		expect(result.steps.map((s) => s.kind)).toEqual(['create', 'create']);
		expect(result.steps[0]).toMatchObject({
			line: 2,
			draft: {
				fullName: 'Петрова Анна Сергеевна',
				email: 'petrova@school.ru',
				schoolId: IDS.school,
				birthDate: '1990-03-12',
				birthYear: 1990,
				experienceYears: 5,
				education: 'higher',
				category: 'first',
				categoryExpiresOn: '2028-05-31',
				subjects: ['математика'],
				userId: null
			}
		});
		expect(result.steps[1]).toMatchObject({
			draft: { email: null, category: 'none', categoryExpiresOn: null, education: 'vocational', subjects: [] }
		});
	});

	it('matches headers whatever their case and spacing, in any order, and needs only the first six', () => {
		const sheet = parseCsv(
			'e-mail , фио,  оо ,ДАТА РОЖДЕНИЯ,Педагогический  стаж,образование,квалификационная категория,№\nivanova@school.ru,Иванова Мария,СОШ № 1,01.01.1980,20,высшее,высшая,7'
		);
		const result = plan(sheet, school, nobody);
		expect(result.problems).toEqual([]);
		expect(result.steps).toHaveLength(1);
		expect(
			plan(
				parseCsv(
					'ФИО,ОО,Дата рождения,Педагогический стаж,Образование,Квалификационная категория\nИванова,СОШ № 1,01.01.1980,20,высшее,'
				),
				school,
				nobody
			).steps
		).toHaveLength(1);
	});

	it('names every missing column and writes nothing', () => {
		const result = plan(parseCsv('ФИО;ОО;Образование\nИванова;СОШ № 1;высшее'), school, nobody);
		expect(result.steps).toEqual([]);
		expect(result.problems.map((p) => `${p.line}:${p.column}:${p.code}`)).toEqual([
			'1:birthDate:missing_column',
			'1:experienceYears:missing_column',
			'1:category:missing_column'
		]);
	});

	it('lists every problem of every row by line and column', () => {
		const problems = problemsOf(
			csv(
				';СОШ № 1;31.02.1990;пять;аспирантура;вторая;;;',
				'Сидорова;СОШ № 1;12.03.1930;70;высшее;высшая;скоро;;sidorova@',
				'Орлова;СОШ № 1;12.03.1990;1;высшее;без категории;01.01.2027;;'
			)
		);
		expect(problems).toEqual([
			'2:fullName:required',
			'2:birthDate:invalid_date',
			'2:experienceYears:not_a_number',
			'2:education:unknown_education',
			'2:category:unknown_category',
			'3:birthDate:date_out_of_range',
			'3:experienceYears:out_of_range',
			'3:categoryExpiresOn:invalid_date',
			'3:email:invalid_email',
			'4:categoryExpiresOn:expiry_not_allowed'
		]);
	});

	it('refuses rows of another school and keeps the rest', () => {
		const result = plan(csv('Чужая Анна;СОШ № 2;01.01.1980;3;высшее;;;;', PETROVA), school, nobody);
		expect(result.problems).toEqual([{ line: 2, column: 'school', code: 'other_school', value: 'СОШ № 2' }]);
		expect(result.steps.map((s) => s.line)).toEqual([3]);
		expect(summary(result)).toEqual({ create: 1, update: 0, same: 0, rejected: 1, skipped: 0 });
	});

	it('accepts the full name of the school, quotes and case aside', () => {
		expect(problemsOf(csv(PETROVA.replace('СОШ № 1', 'МБОУ "Средняя общеобразовательная школа № 1"')))).toEqual([]);
	});

	it('reports a person listed twice, pointing at the first line', () => {
		const result = plan(csv(PETROVA, PETROVA.replace('Петрова Анна Сергеевна', 'Петрова А. С.')), school, nobody);
		expect(result.problems).toEqual([{ line: 3, column: 'email', code: 'duplicate_in_file', ref: 2 }]);
	});

	it('matches an existing person by e-mail and changes only what differs', () => {
		const existing = buildProfile({
			email: 'petrova@school.ru',
			fullName: 'Петрова Анна',
			birthYear: 1990,
			experienceYears: 4,
			category: 'first',
			categoryExpiresOn: '2028-05-31',
			subjects: ['математика']
		});
		const result = plan(csv(PETROVA), school, {
			profiles: [existing],
			memberships: [buildMembership({ profileId: existing.id })]
		});
		expect(result.steps).toEqual([
			{
				kind: 'update',
				line: 2,
				profileId: existing.id,
				schoolId: IDS.school,
				patch: { fullName: 'Петрова Анна Сергеевна', birthDate: '1990-03-12', experienceYears: 5 },
				addMembership: false
			}
		]);
	});

	it('records the стаж with the date it was true on — the title’s date, else the import day — and keeps a стаж on record that has grown into the file’s', () => {
		const titled = parseCsv([`Кадровый состав на 01.09.2026`, HEADER, PETROVA].join('\n'));
		expect(plan(titled, school, nobody, { today: '2026-10-15' }).steps[0]).toMatchObject({
			draft: { experienceYears: 5, experienceAsOf: '2026-09-01' }
		});
		expect(plan(csv(PETROVA), school, nobody, { today: '2026-10-15' }).steps[0]).toMatchObject({
			draft: { experienceYears: 5, experienceAsOf: '2026-10-15' }
		});
		// 3 years recorded on 1 September 2024 are 5 on 1 September 2026: nothing to change.
		const grown = buildProfile({
			email: 'petrova@school.ru',
			fullName: 'Петрова Анна Сергеевна',
			birthYear: 1990,
			birthDate: '1990-03-12',
			experienceYears: 3,
			experienceAsOf: '2024-09-01',
			category: 'first',
			categoryExpiresOn: '2028-05-31',
			subjects: ['математика']
		});
		const existing = { profiles: [grown], memberships: [buildMembership({ profileId: grown.id })] };
		expect(plan(titled, school, existing).steps).toEqual([{ kind: 'same', line: 3, profileId: grown.id }]);
		const later = parseCsv([`Кадровый состав на 01.09.2026`, HEADER, PETROVA.replace(';5;', ';7;')].join('\n'));
		expect(plan(later, school, existing).steps).toEqual([
			expect.objectContaining({ kind: 'update', patch: { experienceYears: 7, experienceAsOf: '2026-09-01' } })
		]);
		// A стаж recorded without its date takes the file's, so that it ages from now on.
		const undated = buildProfile({ ...grown, experienceYears: 5, experienceAsOf: null });
		expect(plan(titled, school, { ...existing, profiles: [undated] }).steps).toEqual([
			expect.objectContaining({ kind: 'update', patch: { experienceAsOf: '2026-09-01' } })
		]);
	});

	it('matches by ФИО and date of birth when there is no e-mail, and adds a missing membership', () => {
		const existing = buildProfile({
			email: null,
			fullName: 'ПЕТРОВА  Анна Сергеевна',
			birthYear: 1990,
			birthDate: '1990-03-12'
		});
		const result = plan(csv(PETROVA.replace('petrova@school.ru', '')), school, {
			profiles: [existing],
			memberships: []
		});
		expect(result.steps).toEqual([
			expect.objectContaining({ kind: 'update', profileId: existing.id, addMembership: true })
		]);
	});

	it('tells namesakes apart by date of birth', () => {
		const namesake = buildProfile({
			email: null,
			fullName: 'Петрова Анна Сергеевна',
			birthYear: 1990,
			birthDate: '1990-11-01'
		});
		const result = plan(csv(PETROVA.replace('petrova@school.ru', '')), school, {
			profiles: [namesake],
			memberships: []
		});
		expect(result.steps.map((s) => s.kind)).toEqual(['create']);
	});

	it('does not change the e-mail of a person found by name, nor touch another school’s profile', () => {
		const other = buildProfile({
			email: 'anna@mail.ru',
			fullName: 'Петрова Анна Сергеевна',
			birthYear: 1990,
			birthDate: '1990-03-12'
		});
		expect(problemsOf(csv(PETROVA), { profiles: [other], memberships: [] })).toEqual(['2:email:email_mismatch']);
		const elsewhere = buildProfile({ email: 'petrova@school.ru', schoolId: uuid(299) });
		expect(problemsOf(csv(PETROVA), { profiles: [elsewhere], memberships: [] })).toEqual([
			'2:school:profile_elsewhere'
		]);
	});

	it('changes nothing when the file was already applied', () => {
		const first = plan(csv(PETROVA), school, nobody);
		const step = first.steps[0]!;
		if (step.kind !== 'create') throw new Error('expected a create');
		const profile = buildProfile({ ...step.draft, id: uuid(5000) });
		const again = plan(csv(PETROVA), school, {
			profiles: [profile],
			memberships: [buildMembership({ profileId: profile.id })]
		});
		expect(again.steps).toEqual([{ kind: 'same', line: 2, profileId: profile.id }]);
	});

	it('says so when the file is empty', () => {
		expect(plan([], school, nobody).problems).toEqual([{ line: 1, column: null, code: 'empty_file' }]);
		expect(plan(parseCsv(HEADER), school, nobody).problems).toEqual([{ line: 1, column: null, code: 'empty_file' }]);
	});
});
