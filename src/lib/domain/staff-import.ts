/**
 * The staff import (кадровый состав): a school's staff list, as CSV or XLSX rows, checked and
 * matched against the profiles the device holds, giving a plan — what would be created, changed,
 * left alone, and every problem by line and column — before anything is written.
 * Pure: the rows, the school and the existing profiles come in as arguments. The format is
 * described in docs/staff-import.md.
 */
import type { Draft, Id, IsoDate } from './common';
import { isIsoDate } from './dates';
import type { Membership } from './membership';
import { BIRTH_DATES, experienceOn, type Category, type EducationLevel, type Profile } from './profile';
import { schoolKey, schoolMatcher } from './school-name';
import { profileSchema } from './schemas/profile';
import { PLAUSIBLE_DATES, email as emailValidator } from './validation';

/** One row of a sheet: `line` is where it starts in the file (1-based), as the user sees it. */
export interface SheetRow {
	line: number;
	cells: string[];
}

/** The columns, by the header the file carries (matched case- and space-insensitively). */
export const COLUMNS = {
	fullName: 'ФИО',
	school: 'ОО',
	birthDate: 'Дата рождения',
	experienceYears: 'Педагогический стаж',
	education: 'Образование',
	category: 'Квалификационная категория',
	categoryExpiresOn: 'Срок действия категории',
	subjects: 'Предмет',
	email: 'E-mail'
} as const;
export type Column = keyof typeof COLUMNS;

const OPTIONAL_COLUMNS: readonly Column[] = ['categoryExpiresOn', 'subjects', 'email'];

/** Other spellings met in real staff lists, normalised as headers are. */
const ALIASES: Record<string, Column> = {
	образовательнаяорганизация: 'school',
	школа: 'school',
	датарождения: 'birthDate',
	стаж: 'experienceYears',
	педстаж: 'experienceYears',
	категория: 'category',
	срокдействия: 'categoryExpiresOn',
	предметы: 'subjects',
	электроннаяпочта: 'email',
	почта: 'email'
};

/** A whole district's staff fits; a file beyond this is almost surely the wrong file. */
export const MAX_ROWS = 10_000;

export const PROBLEM_CODES = [
	'empty_file',
	'too_many_rows',
	'missing_column',
	'duplicate_column',
	'required',
	'too_long',
	'invalid_date',
	'date_out_of_range',
	'not_a_number',
	'out_of_range',
	'unknown_education',
	'unknown_category',
	'expiry_not_allowed',
	'invalid_email',
	'too_many_subjects',
	'other_school',
	'unknown_school',
	'duplicate_in_file',
	'ambiguous_match',
	'email_mismatch',
	'profile_elsewhere',
	'protected_profile',
	'invalid_value'
] as const;
/**
 * - `other_school`: the ОО is not the importing methodist's school (such rows are never written).
 * - `unknown_school`: a municipal list names a school the person did not match to one on record.
 * - `duplicate_in_file`: the same person (e-mail, or ФИО + date of birth) is on an earlier line, `ref`.
 * - `ambiguous_match`: several existing profiles share this ФИО and date of birth.
 * - `email_mismatch`: the person was found by ФИО + date of birth but has another e-mail on record.
 * - `profile_elsewhere`: the person's profile belongs to another school.
 * - `protected_profile`: the person is an administrator or a municipal methodist (the server's
 *   import leaves their profiles alone).
 */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * Rows written with something to check. `expiry_unknown`: a category without «Срок действия»
 * (often missing from real lists); it is written as of unknown expiry and counts as valid.
 */
export const WARNING_CODES = ['expiry_unknown'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Problem {
	line: number;
	/** Null for problems of the whole row or file. */
	column: Column | null;
	code: ProblemCode;
	/** The offending cell, as written. */
	value?: string;
	/** The other line, for `duplicate_in_file`. */
	ref?: number;
}

export interface Warning {
	line: number;
	column: Column;
	code: WarningCode;
}

/** A row that passed every check, in the profile's terms. */
export interface StaffRow {
	line: number;
	fullName: string;
	birthDate: IsoDate;
	birthYear: number;
	experienceYears: number;
	education: EducationLevel;
	category: Category;
	/** Null when the file gives none: unknown (a category) or not applicable (none). */
	categoryExpiresOn: IsoDate | null;
	/** Null when the file has no Предмет column or the cell is empty: the profile keeps its own. */
	subjects: string[] | null;
	/** Null when not given: the profile keeps its own. */
	email: string | null;
}

/** A row with the ОО as the file writes it. */
export interface ReadRow extends StaffRow {
	school: string;
}

/** A row placed in the school on record its ОО names. */
export interface PlacedRow extends StaffRow {
	schoolId: Id;
}

export type Step =
	| { kind: 'create'; line: number; draft: Draft<Profile> }
	| {
			kind: 'update';
			line: number;
			profileId: Id;
			schoolId: Id;
			patch: Partial<Draft<Profile>>;
			addMembership: boolean;
	  }
	| { kind: 'same'; line: number; profileId: Id };

/** The file read and every value checked; who the people are is not yet looked at. */
export interface Reading {
	/** Data rows in the file (the header and the title lines above it excluded). */
	rowCount: number;
	/** The rows without a problem. */
	rows: ReadRow[];
	/** The ОО of every data line that names one, problems or not (for counts by school). */
	schoolByLine: Map<number, string>;
	problems: Problem[];
	/** The date the list is true on, from a title line («… на 01.09.2026»); null when none says. */
	asOf: IsoDate | null;
}

export interface StaffPlan {
	/** Data rows in the file (the header and title lines excluded). */
	rowCount: number;
	steps: Step[];
	/** Every problem, by line; a line with a problem has no step and is not written. */
	problems: Problem[];
	/** Rows written all the same, with something the person should know. */
	warnings: Warning[];
	/** As Reading.asOf. */
	asOf: IsoDate | null;
}

export interface School {
	id: Id;
	name: string;
	shortName: string | null;
}

export interface Existing {
	/** Live profiles the device holds. */
	profiles: readonly Profile[];
	/** Live memberships the device holds. */
	memberships: readonly Membership[];
}

export interface PlanOptions {
	/** XLSX stores a date as a day number (45000 = 2023-03-15); CSV never does. */
	serialDates?: boolean;
	/**
	 * The day of the import: the date the file's стаж is true on when no title line gives one.
	 * Without it (and without a title date) the стаж is stored without its date.
	 */
	today?: IsoDate;
}

// ——— CSV ————————————————————————————————————————————————————————————————————————————————

const SEPARATORS = [';', '\t', ','] as const;
/** Title lines and blank lines above the header: how far down it is looked for. */
const HEADER_SEARCH_ROWS = 30;

/**
 * RFC 4180 rows of `text` with `separator`, from `from` on, at most `limit` non-blank rows.
 * Blank lines are skipped; `line` counts physical lines from `firstLine`, so it matches a text
 * editor's.
 */
function tokenize(text: string, separator: string, from: number, firstLine: number, limit = Infinity): SheetRow[] {
	const rows: SheetRow[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = firstLine;
	let start = firstLine;
	const endRow = () => {
		cells.push(cell);
		if (cells.some((c) => c.trim() !== '')) rows.push({ line: start, cells });
		cells = [];
		cell = '';
	};
	for (let i = from; i < text.length && rows.length < limit; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else {
				if (ch === '\n') line++;
				cell += ch;
			}
		} else if (ch === '"' && cell.trim() === '') {
			cell = '';
			quoted = true;
		} else if (ch === separator) {
			cells.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRow();
			line++;
			start = line;
		} else cell += ch;
	}
	if (rows.length < limit && (cell !== '' || cells.length > 0)) endRow();
	return rows;
}

/**
 * The separator the header line uses. Excel in a Russian locale writes ';', «Текст Юникод» a
 * tab, others ','. Title lines above the header («Кадровый состав …, на 01.09.2026») and commas
 * left unquoted inside cells of a ';' file must not decide it: the separator that splits some
 * early line into the most known column names wins; with none known, the one splitting a line
 * into the most cells.
 */
function detectSeparator(text: string, from: number): string {
	let best: string = ';';
	let bestScore = -1;
	let bestCells = 0;
	for (const separator of SEPARATORS) {
		const rows = tokenize(text, separator, from, 1, HEADER_SEARCH_ROWS);
		const score = Math.max(0, ...rows.map(headerScore));
		const cells = Math.max(0, ...rows.map((r) => r.cells.length));
		if (score > bestScore || (score === bestScore && cells > bestCells)) {
			best = separator;
			bestScore = score;
			bestCells = cells;
		}
	}
	return best;
}

/**
 * A CSV or tab-separated text as rows. A byte-order mark is ignored; Excel's «sep=;» first line
 * names the separator (and is not a row), else it is found on the header line (detectSeparator).
 * Fields in double quotes may hold separators, line breaks and doubled quotes.
 */
export function parseCsv(input: string): SheetRow[] {
	let from = input.charCodeAt(0) === 0xfeff ? 1 : 0;
	let firstLine = 1;
	let separator: string | null = null;
	const hint = /^"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)/i.exec(input.slice(from, from + 16));
	if (hint) {
		separator = hint[1]!;
		from += hint[0].length;
		firstLine = 2;
	}
	return tokenize(input, separator ?? detectSeparator(input, from), from, firstLine);
}

// ——— Values ——————————————————————————————————————————————————————————————————————————————

function normaliseHeader(header: string): string {
	return header
		.toLowerCase()
		.replace(/ё/g, 'е')
		.replace(/[\s\u00a0_\-.:*]/g, '');
}

const HEADERS: Record<string, Column> = {
	...Object.fromEntries((Object.entries(COLUMNS) as [Column, string][]).map(([k, v]) => [normaliseHeader(v), k])),
	...ALIASES
};

/** Spaces collapsed, non-breaking spaces included: «Иванова  Анна» is «Иванова Анна». */
function clean(value: string | undefined): string {
	return (value ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** For comparing names and school names: case, ё, quotes and spacing (around № too) do not count. */
export function comparable(value: string): string {
	return clean(value)
		.toLowerCase()
		.replace(/ё/g, 'е')
		.replace(/["'«»“”„]/g, '')
		.replace(/\s*№\s*/g, '№')
		.replace(/\s+/g, ' ')
		.trim();
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * ДД.ММ.ГГГГ (also Д.М.ГГГГ) or ISO ГГГГ-ММ-ДД, optionally followed by a time that spreadsheets
 * append; with `serial`, an Excel day number. Null when it is not a real calendar date.
 */
export function parseDate(value: string, serial = false): IsoDate | null {
	const v = value.trim();
	let iso: string | null = null;
	const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s.*)?$/.exec(v);
	const isoMatch = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/.exec(v);
	if (ru) iso = `${ru[3]}-${ru[2]!.padStart(2, '0')}-${ru[1]!.padStart(2, '0')}`;
	else if (isoMatch) iso = `${isoMatch[1]}-${isoMatch[2]}-${isoMatch[3]}`;
	// Day 61 is 1900-03-01: earlier numbers fall on Excel's phantom 29 February 1900.
	else if (serial && /^\d+(\.\d+)?$/.test(v) && Number(v) >= 61 && Number(v) < 2_958_466) {
		iso = new Date(EXCEL_EPOCH_MS + Math.floor(Number(v)) * 86_400_000).toISOString().slice(0, 10);
	}
	return iso !== null && isIsoDate(iso) ? iso : null;
}

function parseEducation(value: string): EducationLevel | null {
	const v = comparable(value);
	if (v.startsWith('высш')) return 'higher';
	if (v.includes('сред') || v === 'спо' || v.startsWith('спо ')) return 'vocational';
	return null;
}

function parseCategory(value: string): Category | null {
	const v = comparable(value)
		.replace(/ категория$/, '')
		.replace(/ квалификационная$/, '');
	if (v === '' || v === '-' || v === '—' || v === 'нет' || v.startsWith('без')) return 'none';
	if (v.startsWith('высш')) return 'highest';
	if (v.startsWith('перв')) return 'first';
	if (v.startsWith('соответств') || v === 'сзд') return 'conformity';
	return null;
}

const checkEmail = emailValidator();

// ——— Reading rows ————————————————————————————————————————————————————————————————————————

type Columns = Partial<Record<Column, number>>;

/** How many different known columns a row names: the header row is the one naming most. */
function headerScore(row: SheetRow): number {
	const found = new Set<Column>();
	for (const cell of row.cells) {
		const key = HEADERS[normaliseHeader(cell)];
		if (key) found.add(key);
	}
	return found.size;
}

/**
 * The index of the header row: the row among the first ones naming the most known columns, the
 * earliest on a tie. Rows above it are title lines («Кадровый состав МО … на 01.09.2026»). With
 * no known column anywhere, the first row, whose missing columns are then reported.
 */
function findHeader(sheet: readonly SheetRow[]): number {
	let best = 0;
	let bestScore = 0;
	for (let i = 0; i < Math.min(sheet.length, HEADER_SEARCH_ROWS); i++) {
		const score = headerScore(sheet[i]!);
		if (score > bestScore) {
			best = i;
			bestScore = score;
		}
	}
	return best;
}

const MONTHS = [
	'января',
	'февраля',
	'марта',
	'апреля',
	'мая',
	'июня',
	'июля',
	'августа',
	'сентября',
	'октября',
	'ноября',
	'декабря'
];
const NUMERIC_DATE = /(\d{1,2}\.\d{1,2}\.\d{4})/;
const WORDS_DATE = new RegExp(`(\\d{1,2})\\s+(${MONTHS.join('|')})\\s+(\\d{4})`);

/**
 * The date a title line says the list is true on: «на 01.09.2026», «на 1 сентября 2026 г.»; the
 * date after «на» first, else the first date at all. Null when there is none.
 */
function titleDate(title: string): IsoDate | null {
	const text = comparable(title);
	const candidates = [/(?:^|\s)на\s+(.*)$/.exec(text)?.[1], text].filter((t): t is string => t !== undefined);
	for (const part of candidates) {
		const numeric = NUMERIC_DATE.exec(part);
		const words = WORDS_DATE.exec(part);
		if (numeric && (!words || numeric.index <= words.index)) return parseDate(numeric[1]!);
		if (words) return parseDate(`${words[1]}.${MONTHS.indexOf(words[2]!) + 1}.${words[3]}`);
	}
	return null;
}

function readHeader(header: SheetRow, problems: Problem[]): Columns {
	const columns: Columns = {};
	header.cells.forEach((text, index) => {
		const key = HEADERS[normaliseHeader(text)];
		if (!key) return; // other columns (№, должность…) are left alone
		if (columns[key] !== undefined)
			problems.push({ line: header.line, column: key, code: 'duplicate_column', value: clean(text) });
		else columns[key] = index;
	});
	for (const key of Object.keys(COLUMNS) as Column[]) {
		if (columns[key] === undefined && !OPTIONAL_COLUMNS.includes(key))
			problems.push({ line: header.line, column: key, code: 'missing_column' });
	}
	return columns;
}

function readRow(row: SheetRow, columns: Columns, options: PlanOptions, problems: Problem[]): ReadRow | null {
	const found: Problem[] = [];
	const cell = (key: Column) => (columns[key] === undefined ? '' : clean(row.cells[columns[key]!]));
	const problem = (column: Column, code: ProblemCode, value?: string) =>
		found.push(
			value === undefined || value === '' ? { line: row.line, column, code } : { line: row.line, column, code, value }
		);
	const required = (key: Column): string | null => {
		const value = cell(key);
		if (value === '') problem(key, 'required');
		return value === '' ? null : value;
	};

	const fullName = required('fullName');
	if (fullName !== null && Array.from(fullName).length > 200) problem('fullName', 'too_long');

	const school = required('school') ?? '';

	let birthDate: IsoDate | null = null;
	const birthText = required('birthDate');
	if (birthText !== null) {
		birthDate = parseDate(birthText, options.serialDates);
		if (birthDate === null) problem('birthDate', 'invalid_date', birthText);
		else if (birthDate < BIRTH_DATES.min || birthDate > BIRTH_DATES.max) {
			problem('birthDate', 'date_out_of_range', birthText);
			birthDate = null;
		}
	}

	let experienceYears: number | null = null;
	const experienceText = required('experienceYears');
	if (experienceText !== null) {
		// Spreadsheets write 12 as «12», «12,0» or «12.0»; «12 лет» is read too.
		const match = /^(\d+)(?:[.,]0+)?(?:\s*(?:год|года|лет))?$/i.exec(experienceText);
		if (!match) problem('experienceYears', 'not_a_number', experienceText);
		else if (Number(match[1]) > 60) problem('experienceYears', 'out_of_range', experienceText);
		else experienceYears = Number(match[1]);
	}

	let education: EducationLevel | null = null;
	const educationText = required('education');
	if (educationText !== null) {
		education = parseEducation(educationText);
		if (education === null) problem('education', 'unknown_education', educationText);
	}

	const categoryText = cell('category');
	const category = parseCategory(categoryText);
	if (category === null) problem('category', 'unknown_category', categoryText);

	// An empty expiry is allowed: unknown for a category (a warning once matched), nothing for none.
	let categoryExpiresOn: IsoDate | null = null;
	const expiryText = cell('categoryExpiresOn');
	const noExpiry = expiryText === '' || expiryText === '-' || expiryText === '—';
	if (category === 'none' && !noExpiry) {
		problem('categoryExpiresOn', 'expiry_not_allowed', expiryText);
	} else if (category !== null && category !== 'none' && !noExpiry) {
		categoryExpiresOn = parseDate(expiryText, options.serialDates);
		if (categoryExpiresOn === null) problem('categoryExpiresOn', 'invalid_date', expiryText);
		else if (categoryExpiresOn < PLAUSIBLE_DATES.min || categoryExpiresOn > PLAUSIBLE_DATES.max) {
			problem('categoryExpiresOn', 'date_out_of_range', expiryText);
		}
	}

	let subjects: string[] | null = null;
	const subjectText = cell('subjects');
	if (subjectText !== '') {
		subjects = [
			...new Set(
				subjectText
					.split(/[,;]/)
					.map((s) => s.trim())
					.filter(Boolean)
			)
		];
		if (subjects.length > 20) problem('subjects', 'too_many_subjects', subjectText);
		else if (subjects.some((s) => Array.from(s).length > 200)) problem('subjects', 'too_long');
	}

	let email: string | null = null;
	const emailText = cell('email').replace(/^mailto:/i, '');
	if (emailText !== '') {
		email = emailText.toLowerCase();
		if (checkEmail(email, 'email').length > 0) problem('email', 'invalid_email', emailText);
	}

	problems.push(...found);
	if (found.length > 0) return null;
	return {
		line: row.line,
		school,
		fullName: fullName!,
		birthDate: birthDate!,
		birthYear: Number(birthDate!.slice(0, 4)),
		experienceYears: experienceYears!,
		education: education!,
		category: category!,
		categoryExpiresOn,
		subjects,
		email
	};
}

/**
 * Read a sheet and check every value: the header row found below any title lines, each later
 * row checked column by column. Whose rows they are (school, person) is decided later.
 */
export function read(sheet: readonly SheetRow[], options: PlanOptions = {}): Reading {
	const problems: Problem[] = [];
	const none = new Map<number, string>();
	if (sheet.length === 0)
		return {
			rowCount: 0,
			rows: [],
			schoolByLine: none,
			problems: [{ line: 1, column: null, code: 'empty_file' }],
			asOf: null
		};
	const at = findHeader(sheet);
	const header = sheet[at]!;
	const data = sheet.slice(at + 1);
	const asOf = titleDate(
		sheet
			.slice(0, at)
			.flatMap((r) => r.cells)
			.join(' ')
	);
	if (data.length > MAX_ROWS)
		return {
			rowCount: data.length,
			rows: [],
			schoolByLine: none,
			problems: [{ line: header.line, column: null, code: 'too_many_rows' }],
			asOf
		};
	const columns = readHeader(header, problems);
	if (problems.length > 0) return { rowCount: data.length, rows: [], schoolByLine: none, problems, asOf };
	if (data.length === 0)
		return {
			rowCount: 0,
			rows: [],
			schoolByLine: none,
			problems: [{ line: header.line, column: null, code: 'empty_file' }],
			asOf
		};
	const rows: ReadRow[] = [];
	const schoolByLine = new Map<number, string>();
	for (const raw of data) {
		const row = readRow(raw, columns, options, problems);
		if (row) rows.push(row);
		const school = clean(raw.cells[columns.school!]);
		if (school !== '') schoolByLine.set(raw.line, school);
	}
	return { rowCount: data.length, rows, schoolByLine, problems, asOf };
}

/** A school as the file names it: the first spelling met, and how many rows name it so. */
export interface FileSchool {
	/** school-name.ts schoolKey: spellings with one key are one school. */
	key: string;
	name: string;
	rows: number;
}

/** The schools a (municipal) list names, in the order first met, with every row naming each. */
export function schoolsIn(reading: Reading): FileSchool[] {
	const byKey = new Map<string, FileSchool>();
	for (const school of reading.schoolByLine.values()) {
		const key = schoolKey(school);
		const known = byKey.get(key);
		if (known) known.rows++;
		else byKey.set(key, { key, name: school, rows: 1 });
	}
	return [...byKey.values()];
}

// ——— Matching and the plan ———————————————————————————————————————————————————————————————

function personKey(fullName: string, birth: string): string {
	return `${comparable(fullName)}|${birth}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/** The schema's field paths, as the file's columns (fields the file does not hold map to none). */
function columnOf(path: string): Column | null {
	const field = path.split('.')[0]!;
	if (field === 'birthYear') return 'birthDate';
	if (field === 'experienceAsOf') return 'experienceYears';
	return field in COLUMNS ? (field as Column) : null;
}

/**
 * Each row's school on record: `schoolOf` gives it from the ОО as written, or null, and then the
 * row is refused with `refused` ('other_school' for a school methodist's list, 'unknown_school'
 * for a municipal one).
 */
export function place(
	rows: readonly ReadRow[],
	schoolOf: (name: string) => Id | null,
	refused: 'other_school' | 'unknown_school'
): { rows: PlacedRow[]; problems: Problem[] } {
	const placed: PlacedRow[] = [];
	const problems: Problem[] = [];
	for (const { school, ...row } of rows) {
		const schoolId = schoolOf(school);
		if (schoolId === null) problems.push({ line: row.line, column: 'school', code: refused, value: school });
		else placed.push({ ...row, schoolId });
	}
	return { rows: placed, problems };
}

/**
 * People listed twice in the file — by e-mail, or by ФИО + date of birth — keep their first line;
 * later ones are refused, pointing at it. The server's import repeats this check.
 */
export function dedupe(rows: readonly PlacedRow[]): { rows: PlacedRow[]; problems: Problem[] } {
	const kept: PlacedRow[] = [];
	const problems: Problem[] = [];
	const seenEmail = new Map<string, number>();
	const seenPerson = new Map<string, number>();
	for (const row of rows) {
		const person = personKey(row.fullName, row.birthDate);
		const byEmail = row.email !== null ? seenEmail.get(row.email) : undefined;
		const earlier = byEmail ?? seenPerson.get(person);
		if (earlier !== undefined) {
			problems.push({
				line: row.line,
				column: byEmail !== undefined ? 'email' : 'fullName',
				code: 'duplicate_in_file',
				ref: earlier
			});
			continue;
		}
		if (row.email !== null) seenEmail.set(row.email, row.line);
		seenPerson.set(person, row.line);
		kept.push(row);
	}
	return { rows: kept, problems };
}

/** Roles whose holders' profiles an import never changes (as the server's import). */
const PROTECTED_ROLES = new Set(['admin', 'municipal_methodist']);

/**
 * Match placed rows to the device's profiles: by e-mail, else by ФИО + date of birth (a profile
 * that knows only the year matches on ФИО + year). Re-planning a file already applied gives only
 * `same` steps: that is what makes importing the same file twice change nothing.
 * `asOf` is the date the file's стаж is true on (Reading.asOf, else the import day).
 */
export function match(
	placed: readonly PlacedRow[],
	existing: Existing,
	asOf: IsoDate | null
): Pick<StaffPlan, 'steps' | 'problems' | 'warnings'> {
	const { rows, problems } = dedupe(placed);
	const steps: Step[] = [];
	const warnings: Warning[] = [];
	const byEmail = new Map<string, Profile>();
	const byDate = new Map<string, Profile[]>();
	const byYear = new Map<string, Profile[]>();
	for (const p of existing.profiles) {
		if (p.deletedAt) continue;
		if (p.email) byEmail.set(p.email.toLowerCase(), p);
		// Rows stored before birth dates existed may lack the field altogether.
		if (p.birthDate) push(byDate, personKey(p.fullName, p.birthDate), p);
		else push(byYear, personKey(p.fullName, String(p.birthYear)), p);
	}
	const members = new Set<string>();
	const protectedIds = new Set<Id>();
	for (const m of existing.memberships) {
		if (m.deletedAt) continue;
		if (m.role === 'teacher' || m.role === 'mentor') members.add(`${m.profileId}/${m.organizationId}`);
		if (PROTECTED_ROLES.has(m.role)) protectedIds.add(m.profileId);
	}
	const seenProfile = new Map<Id, number>();

	for (const row of rows) {
		const { line, schoolId } = row;
		let found: Profile | undefined = row.email !== null ? byEmail.get(row.email) : undefined;
		if (!found) {
			const candidates =
				byDate.get(personKey(row.fullName, row.birthDate)) ??
				byYear.get(personKey(row.fullName, String(row.birthYear))) ??
				[];
			if (candidates.length > 1) {
				problems.push({ line, column: 'fullName', code: 'ambiguous_match', value: row.fullName });
				continue;
			}
			found = candidates[0];
			if (found && row.email !== null && found.email && found.email.toLowerCase() !== row.email) {
				problems.push({ line, column: 'email', code: 'email_mismatch', value: row.email });
				continue;
			}
		}
		if (found && found.schoolId !== null && found.schoolId !== schoolId) {
			problems.push({ line, column: 'school', code: 'profile_elsewhere' });
			continue;
		}
		if (found) {
			const first = seenProfile.get(found.id);
			if (first !== undefined) {
				problems.push({ line, column: 'fullName', code: 'duplicate_in_file', ref: first });
				continue;
			}
			seenProfile.set(found.id, line);
		}

		const fields: Partial<Draft<Profile>> = {
			fullName: row.fullName,
			schoolId,
			birthDate: row.birthDate,
			birthYear: row.birthYear,
			education: row.education,
			category: row.category
		};
		// The стаж on record still holds when it has grown into the file's figure by the file's date;
		// one recorded without a date takes the file's date, so that it ages from now on.
		const keepsExperience =
			found !== undefined &&
			(asOf === null
				? found.experienceYears === row.experienceYears
				: found.experienceAsOf !== null && experienceOn(found, asOf) === row.experienceYears);
		if (!keepsExperience) {
			fields.experienceYears = row.experienceYears;
			fields.experienceAsOf = asOf;
		}
		// A list that repeats the category without its expiry does not erase the expiry on record.
		const keepsExpiry =
			found !== undefined &&
			row.category !== 'none' &&
			row.categoryExpiresOn === null &&
			found.category === row.category &&
			found.categoryExpiresOn !== null;
		if (!keepsExpiry) fields.categoryExpiresOn = row.categoryExpiresOn;
		if (row.subjects !== null) fields.subjects = row.subjects;
		if (row.email !== null) fields.email = row.email;

		const candidate: Draft<Profile> = found
			? { ...found, ...fields }
			: {
					userId: null,
					fullName: row.fullName,
					email: row.email,
					schoolId,
					associationId: null,
					position: null,
					subjects: row.subjects ?? [],
					experienceYears: row.experienceYears,
					experienceAsOf: asOf,
					category: row.category,
					categoryExpiresOn: row.categoryExpiresOn,
					education: row.education,
					birthYear: row.birthYear,
					birthDate: row.birthDate
				};
		const issues = profileSchema.validate(candidate);
		if (issues.length > 0) {
			for (const i of issues) problems.push({ line, column: columnOf(i.path), code: 'invalid_value' });
			continue;
		}
		const warning: Warning[] =
			row.category !== 'none' && candidate.categoryExpiresOn === null
				? [{ line, column: 'categoryExpiresOn', code: 'expiry_unknown' }]
				: [];
		if (!found) {
			steps.push({ kind: 'create', line, draft: candidate });
			warnings.push(...warning);
			continue;
		}
		const patch: Partial<Draft<Profile>> = {};
		const current = found as unknown as Record<string, unknown>;
		for (const [k, v] of Object.entries(fields)) {
			if (JSON.stringify(current[k] ?? null) !== JSON.stringify(v)) (patch as Record<string, unknown>)[k] = v;
		}
		const addMembership = !members.has(`${found.id}/${schoolId}`);
		if (Object.keys(patch).length === 0 && !addMembership) {
			steps.push({ kind: 'same', line, profileId: found.id });
			continue;
		}
		if (protectedIds.has(found.id)) {
			problems.push({ line, column: 'fullName', code: 'protected_profile', value: row.fullName });
			continue;
		}
		steps.push({ kind: 'update', line, profileId: found.id, schoolId, patch, addMembership });
		warnings.push(...warning);
	}
	return { steps, problems, warnings };
}

/** Place the rows of a reading in their schools and match them: the whole plan. */
export function placeAndMatch(
	reading: Reading,
	schoolOf: (name: string) => Id | null,
	refused: 'other_school' | 'unknown_school',
	existing: Existing,
	options: PlanOptions = {}
): StaffPlan {
	const placed = place(reading.rows, schoolOf, refused);
	const matched = match(placed.rows, existing, reading.asOf ?? options.today ?? null);
	const problems = [...reading.problems, ...placed.problems, ...matched.problems].sort((a, b) => a.line - b.line);
	return { rowCount: reading.rowCount, steps: matched.steps, problems, warnings: matched.warnings, asOf: reading.asOf };
}

/**
 * A school methodist's import into `school`: every row must name that school (school-name.ts
 * decides what counts as its name); see placeAndMatch.
 */
export function plan(
	sheet: readonly SheetRow[],
	school: School,
	existing: Existing,
	options: PlanOptions = {}
): StaffPlan {
	const isMine = schoolMatcher([school]);
	return placeAndMatch(
		read(sheet, options),
		(name) => (isMine(name).length > 0 ? school.id : null),
		'other_school',
		existing,
		options
	);
}

// ——— Outcomes, wherever the plan was made ——————————————————————————————————————————————————

/**
 * What happens (or would) to each line of a file, whether the device planned it (StaffPlan) or
 * the server did (the municipal import): the common shape of the municipal preview.
 */
export interface Outcomes {
	rowCount: number;
	/** The lines written, or to be written, and how. */
	written: { line: number; kind: Step['kind'] }[];
	problems: Problem[];
	warnings: Warning[];
	asOf: IsoDate | null;
}

export function outcomesOf(result: StaffPlan): Outcomes {
	return {
		rowCount: result.rowCount,
		written: result.steps.map((s) => ({ line: s.line, kind: s.kind })),
		problems: result.problems,
		warnings: result.warnings,
		asOf: result.asOf
	};
}

/** Per line, as the server's import answers (public.staff_import). */
export interface ServerLine {
	line: number;
	kind: Step['kind'] | 'problem';
	code?: ProblemCode;
	column?: Column;
	ref?: number;
}

/**
 * The rows the server is asked about — placed in their schools, without the file's duplicates —
 * and the problems found before asking.
 */
export function forServer(
	reading: Reading,
	schoolOf: (name: string) => Id | null
): { rows: PlacedRow[]; problems: Problem[] } {
	const placed = place(reading.rows, schoolOf, 'unknown_school');
	const unique = dedupe(placed.rows);
	return { rows: unique.rows, problems: [...reading.problems, ...placed.problems, ...unique.problems] };
}

/** The server's answer about `sent` (forServer), with the problems found before, as Outcomes. */
export function outcomesFromServer(
	reading: Reading,
	sent: { rows: readonly PlacedRow[]; problems: readonly Problem[] },
	answer: { rows: readonly ServerLine[]; warnings: readonly number[] }
): Outcomes {
	const byLine = new Map(sent.rows.map((r) => [r.line, r]));
	const problems = [...sent.problems];
	const written: Outcomes['written'] = [];
	for (const r of answer.rows) {
		if (r.kind !== 'problem') {
			written.push({ line: r.line, kind: r.kind });
			continue;
		}
		const row = byLine.get(r.line);
		// The messages name what was written where it helps: the e-mail, the name.
		const value =
			r.code === 'email_mismatch'
				? row?.email
				: r.code === 'ambiguous_match' || r.code === 'protected_profile'
					? row?.fullName
					: undefined;
		problems.push({
			line: r.line,
			column: r.column ?? null,
			code: r.code ?? 'invalid_value',
			...(value ? { value } : {}),
			...(r.ref !== undefined ? { ref: r.ref } : {})
		});
	}
	problems.sort((a, b) => a.line - b.line);
	const warnings: Warning[] = answer.warnings.map((line) => ({
		line,
		column: 'categoryExpiresOn',
		code: 'expiry_unknown'
	}));
	return { rowCount: reading.rowCount, written, problems, warnings, asOf: reading.asOf };
}

/** How many rows each outcome has, for the preview's summary. */
export function summary(
	result: Pick<StaffPlan, 'steps' | 'problems'> | Pick<Outcomes, 'written' | 'problems'>
): Counts {
	const lines = 'steps' in result ? result.steps : result.written;
	const count = (kind: Step['kind']) => lines.filter((s) => s.kind === kind).length;
	const skipped = new Set(result.problems.filter(isSkip).map((p) => p.line));
	const rejected = new Set(result.problems.filter((p) => !skipped.has(p.line)).map((p) => p.line));
	return {
		create: count('create'),
		update: count('update'),
		same: count('same'),
		rejected: rejected.size,
		skipped: skipped.size
	};
}

export interface Counts {
	create: number;
	update: number;
	same: number;
	/** Lines with a problem of their own. */
	rejected: number;
	/** Lines of a school the person chose not to load (or left without one): not an error of the line. */
	skipped: number;
}

/** A municipal list's line left out with its school: counted apart from the lines at fault. */
export function isSkip(problem: Problem): boolean {
	return problem.code === 'unknown_school';
}

/**
 * The counts of each school (by `schoolOfLine`), in the order of `schools`; lines of no school
 * (left unchosen, or without an ОО) are counted under null.
 */
export function countsBySchool(outcomes: Outcomes, schoolOfLine: (line: number) => Id | null): Map<Id | null, Counts> {
	const counts = new Map<Id | null, Counts>();
	const of = (line: number) => {
		const id = schoolOfLine(line);
		let c = counts.get(id);
		if (!c) counts.set(id, (c = { create: 0, update: 0, same: 0, rejected: 0, skipped: 0 }));
		return c;
	};
	for (const w of outcomes.written) of(w.line)[w.kind]++;
	const skipped = new Set(outcomes.problems.filter(isSkip).map((p) => p.line));
	for (const line of skipped) of(line).skipped++;
	for (const line of new Set(outcomes.problems.map((p) => p.line))) if (!skipped.has(line)) of(line).rejected++;
	return counts;
}
