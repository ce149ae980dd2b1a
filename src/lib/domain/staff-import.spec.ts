import { describe, expect, it } from 'vitest';
import { buildMembership, buildOrganization, buildProfile, IDS, uuid } from './testing/builders';
import { parseCsv, parseDate, plan, summary, type Existing, type SheetRow } from './staff-import';

const school = buildOrganization();
const HEADER = 'ФИО;ОО;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории;Предмет;E-mail';
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
		const result = plan(csv(PETROVA, 'Белов Иван Петрович;сош №1;1985-07-01;0;Среднее профессиональное;без категории;;;'), school, nobody);
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
		expect(result.steps[1]).toMatchObject({ draft: { email: null, category: 'none', categoryExpiresOn: null, education: 'vocational', subjects: [] } });
	});

	it('matches headers whatever their case and spacing, in any order, and needs only the first six', () => {
		const sheet = parseCsv('e-mail , фио,  оо ,ДАТА РОЖДЕНИЯ,Педагогический  стаж,образование,квалификационная категория,№\nivanova@school.ru,Иванова Мария,СОШ № 1,01.01.1980,20,высшее,высшая,7');
		const result = plan(sheet, school, nobody);
		expect(result.problems).toEqual([{ line: 2, column: 'categoryExpiresOn', code: 'expiry_required' }]);
		expect(plan(parseCsv('ФИО,ОО,Дата рождения,Педагогический стаж,Образование,Квалификационная категория\nИванова,СОШ № 1,01.01.1980,20,высшее,'), school, nobody).steps).toHaveLength(1);
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
		expect(summary(result)).toEqual({ create: 1, update: 0, same: 0, rejected: 1 });
	});

	it('accepts the full name of the school, quotes and case aside', () => {
		expect(problemsOf(csv(PETROVA.replace('СОШ № 1', 'МБОУ "Средняя общеобразовательная школа № 1"')))).toEqual([]);
	});

	it('reports a person listed twice, pointing at the first line', () => {
		const result = plan(csv(PETROVA, PETROVA.replace('Петрова Анна Сергеевна', 'Петрова А. С.')), school, nobody);
		expect(result.problems).toEqual([{ line: 3, column: 'email', code: 'duplicate_in_file', ref: 2 }]);
	});

	it('matches an existing person by e-mail and changes only what differs', () => {
		const existing = buildProfile({ email: 'petrova@school.ru', fullName: 'Петрова Анна', birthYear: 1990, experienceYears: 4, category: 'first', categoryExpiresOn: '2028-05-31', subjects: ['математика'] });
		const result = plan(csv(PETROVA), school, { profiles: [existing], memberships: [buildMembership({ profileId: existing.id })] });
		expect(result.steps).toEqual([
			{ kind: 'update', line: 2, profileId: existing.id, patch: { fullName: 'Петрова Анна Сергеевна', birthDate: '1990-03-12', experienceYears: 5 }, addMembership: false }
		]);
	});

	it('matches by ФИО and date of birth when there is no e-mail, and adds a missing membership', () => {
		const existing = buildProfile({ email: null, fullName: 'ПЕТРОВА  Анна Сергеевна', birthYear: 1990, birthDate: '1990-03-12' });
		const result = plan(csv(PETROVA.replace('petrova@school.ru', '')), school, { profiles: [existing], memberships: [] });
		expect(result.steps).toEqual([expect.objectContaining({ kind: 'update', profileId: existing.id, addMembership: true })]);
	});

	it('tells namesakes apart by date of birth', () => {
		const namesake = buildProfile({ email: null, fullName: 'Петрова Анна Сергеевна', birthYear: 1990, birthDate: '1990-11-01' });
		const result = plan(csv(PETROVA.replace('petrova@school.ru', '')), school, { profiles: [namesake], memberships: [] });
		expect(result.steps.map((s) => s.kind)).toEqual(['create']);
	});

	it('does not change the e-mail of a person found by name, nor touch another school’s profile', () => {
		const other = buildProfile({ email: 'anna@mail.ru', fullName: 'Петрова Анна Сергеевна', birthYear: 1990, birthDate: '1990-03-12' });
		expect(problemsOf(csv(PETROVA), { profiles: [other], memberships: [] })).toEqual(['2:email:email_mismatch']);
		const elsewhere = buildProfile({ email: 'petrova@school.ru', schoolId: uuid(299) });
		expect(problemsOf(csv(PETROVA), { profiles: [elsewhere], memberships: [] })).toEqual(['2:school:profile_elsewhere']);
	});

	it('changes nothing when the file was already applied', () => {
		const first = plan(csv(PETROVA), school, nobody);
		const step = first.steps[0]!;
		if (step.kind !== 'create') throw new Error('expected a create');
		const profile = buildProfile({ ...step.draft, id: uuid(5000) });
		const again = plan(csv(PETROVA), school, { profiles: [profile], memberships: [buildMembership({ profileId: profile.id })] });
		expect(again.steps).toEqual([{ kind: 'same', line: 2, profileId: profile.id }]);
	});

	it('says so when the file is empty', () => {
		expect(plan([], school, nobody).problems).toEqual([{ line: 1, column: null, code: 'empty_file' }]);
		expect(plan(parseCsv(HEADER), school, nobody).problems).toEqual([{ line: 1, column: null, code: 'empty_file' }]);
	});
});
