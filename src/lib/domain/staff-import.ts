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
import { BIRTH_DATES, type Category, type EducationLevel, type Profile } from './profile';
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
	'expiry_required',
	'expiry_not_allowed',
	'invalid_email',
	'too_many_subjects',
	'other_school',
	'duplicate_in_file',
	'ambiguous_match',
	'email_mismatch',
	'profile_elsewhere',
	'invalid_value'
] as const;
/**
 * - `other_school`: the ОО is not the importing methodist's school (such rows are never written).
 * - `duplicate_in_file`: the same person (e-mail, or ФИО + date of birth) is on an earlier line, `ref`.
 * - `ambiguous_match`: several existing profiles share this ФИО and date of birth.
 * - `email_mismatch`: the person was found by ФИО + date of birth but has another e-mail on record.
 * - `profile_elsewhere`: the person's profile belongs to another school.
 */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

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

/** A row that passed every check, in the profile's terms. */
export interface StaffRow {
	line: number;
	fullName: string;
	birthDate: IsoDate;
	birthYear: number;
	experienceYears: number;
	education: EducationLevel;
	category: Category;
	categoryExpiresOn: IsoDate | null;
	/** Null when the file has no Предмет column or the cell is empty: the profile keeps its own. */
	subjects: string[] | null;
	/** Null when not given: the profile keeps its own. */
	email: string | null;
}

export type Step =
	| { kind: 'create'; line: number; draft: Draft<Profile> }
	| { kind: 'update'; line: number; profileId: Id; patch: Partial<Draft<Profile>>; addMembership: boolean }
	| { kind: 'same'; line: number; profileId: Id };

export interface StaffPlan {
	/** Data rows in the file (the header excluded). */
	rowCount: number;
	steps: Step[];
	/** Every problem, by line; a line with a problem has no step and is not written. */
	problems: Problem[];
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
}

// ——— CSV ————————————————————————————————————————————————————————————————————————————————

/** The separator of the header line: Excel in a Russian locale writes ';', others ','. */
function detectSeparator(text: string): string {
	const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch in counts) counts[ch]!++;
	}
	const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
	return count > 0 ? best : ';';
}

/**
 * RFC 4180 CSV: fields in double quotes may hold separators, line breaks and doubled quotes.
 * UTF-8 with or without a BOM; the separator is ';', ',' or a tab, whichever the header uses.
 * Blank lines are skipped; `line` counts physical lines, so it matches a text editor's.
 */
export function parseCsv(input: string): SheetRow[] {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const separator = detectSeparator(text);
	const rows: SheetRow[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let start = 1;
	const endRow = () => {
		cells.push(cell);
		if (cells.some((c) => c.trim() !== '')) rows.push({ line: start, cells });
		cells = [];
		cell = '';
	};
	for (let i = 0; i < text.length; i++) {
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
	if (cell !== '' || cells.length > 0) endRow();
	return rows;
}

// ——— Values ——————————————————————————————————————————————————————————————————————————————

function normaliseHeader(header: string): string {
	return header.toLowerCase().replace(/ё/g, 'е').replace(/[\s\u00a0_\-.:*]/g, '');
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
	const v = comparable(value).replace(/ категория$/, '').replace(/ квалификационная$/, '');
	if (v === '' || v === '-' || v === '—' || v === 'нет' || v.startsWith('без')) return 'none';
	if (v.startsWith('высш')) return 'highest';
	if (v.startsWith('перв')) return 'first';
	if (v.startsWith('соответств') || v === 'сзд') return 'conformity';
	return null;
}

const checkEmail = emailValidator();

// ——— Reading rows ————————————————————————————————————————————————————————————————————————

type Columns = Partial<Record<Column, number>>;

function readHeader(header: SheetRow, problems: Problem[]): Columns {
	const columns: Columns = {};
	header.cells.forEach((text, index) => {
		const key = HEADERS[normaliseHeader(text)];
		if (!key) return; // other columns (№, должность…) are left alone
		if (columns[key] !== undefined) problems.push({ line: header.line, column: key, code: 'duplicate_column', value: clean(text) });
		else columns[key] = index;
	});
	for (const key of Object.keys(COLUMNS) as Column[]) {
		if (columns[key] === undefined && !OPTIONAL_COLUMNS.includes(key)) problems.push({ line: header.line, column: key, code: 'missing_column' });
	}
	return columns;
}

function readRow(row: SheetRow, columns: Columns, options: PlanOptions, problems: Problem[]): (StaffRow & { school: string }) | null {
	const found: Problem[] = [];
	const cell = (key: Column) => (columns[key] === undefined ? '' : clean(row.cells[columns[key]!]));
	const problem = (column: Column, code: ProblemCode, value?: string) =>
		found.push(value === undefined || value === '' ? { line: row.line, column, code } : { line: row.line, column, code, value });
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

	let categoryExpiresOn: IsoDate | null = null;
	const expiryText = cell('categoryExpiresOn');
	if (category === 'none' && expiryText !== '' && expiryText !== '-' && expiryText !== '—') {
		problem('categoryExpiresOn', 'expiry_not_allowed', expiryText);
	} else if (category !== null && category !== 'none') {
		if (expiryText === '') problem('categoryExpiresOn', 'expiry_required');
		else {
			categoryExpiresOn = parseDate(expiryText, options.serialDates);
			if (categoryExpiresOn === null) problem('categoryExpiresOn', 'invalid_date', expiryText);
			else if (categoryExpiresOn < PLAUSIBLE_DATES.min || categoryExpiresOn > PLAUSIBLE_DATES.max) {
				problem('categoryExpiresOn', 'date_out_of_range', expiryText);
			}
		}
	}

	let subjects: string[] | null = null;
	const subjectText = cell('subjects');
	if (subjectText !== '') {
		subjects = [...new Set(subjectText.split(/[,;]/).map((s) => s.trim()).filter(Boolean))];
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
	return field in COLUMNS ? (field as Column) : null;
}

/**
 * Check every row and match it to the device's profiles: by e-mail, else by ФИО + date of birth
 * (a profile that knows only the year matches on ФИО + year). Re-planning a file already applied
 * gives only `same` steps: that is what makes importing the same file twice change nothing.
 */
export function plan(sheet: readonly SheetRow[], school: School, existing: Existing, options: PlanOptions = {}): StaffPlan {
	const problems: Problem[] = [];
	const steps: Step[] = [];
	const [header, ...data] = sheet;
	if (!header) return { rowCount: 0, steps, problems: [{ line: 1, column: null, code: 'empty_file' }] };
	if (data.length > MAX_ROWS) return { rowCount: data.length, steps, problems: [{ line: header.line, column: null, code: 'too_many_rows' }] };
	const columns = readHeader(header, problems);
	if (problems.length > 0) return { rowCount: data.length, steps, problems };
	if (data.length === 0) return { rowCount: 0, steps, problems: [{ line: header.line, column: null, code: 'empty_file' }] };

	const schoolNames = new Set([school.name, school.shortName].filter((n): n is string => !!n).map(comparable));
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
	const members = new Set(
		existing.memberships
			.filter((m) => !m.deletedAt && m.organizationId === school.id && (m.role === 'teacher' || m.role === 'mentor'))
			.map((m) => m.profileId)
	);

	const seenEmail = new Map<string, number>();
	const seenPerson = new Map<string, number>();
	const seenProfile = new Map<Id, number>();

	for (const raw of data) {
		const row = readRow(raw, columns, options, problems);
		if (!row) continue;
		const { line } = row;
		if (!schoolNames.has(comparable(row.school))) {
			problems.push({ line, column: 'school', code: 'other_school', value: row.school });
			continue;
		}
		const person = personKey(row.fullName, row.birthDate);
		const earlier = (row.email !== null ? seenEmail.get(row.email) : undefined) ?? seenPerson.get(person);
		if (earlier !== undefined) {
			problems.push({ line, column: row.email !== null && seenEmail.has(row.email) ? 'email' : 'fullName', code: 'duplicate_in_file', ref: earlier });
			continue;
		}
		if (row.email !== null) seenEmail.set(row.email, line);
		seenPerson.set(person, line);

		let match: Profile | undefined = row.email !== null ? byEmail.get(row.email) : undefined;
		if (!match) {
			const candidates = byDate.get(person) ?? byYear.get(personKey(row.fullName, String(row.birthYear))) ?? [];
			if (candidates.length > 1) {
				problems.push({ line, column: 'fullName', code: 'ambiguous_match', value: row.fullName });
				continue;
			}
			match = candidates[0];
			if (match && row.email !== null && match.email && match.email.toLowerCase() !== row.email) {
				problems.push({ line, column: 'email', code: 'email_mismatch', value: row.email });
				continue;
			}
		}
		if (match && match.schoolId !== null && match.schoolId !== school.id) {
			problems.push({ line, column: 'school', code: 'profile_elsewhere', value: row.school });
			continue;
		}
		if (match) {
			const first = seenProfile.get(match.id);
			if (first !== undefined) {
				problems.push({ line, column: 'fullName', code: 'duplicate_in_file', ref: first });
				continue;
			}
			seenProfile.set(match.id, line);
		}

		const fields: Partial<Draft<Profile>> = {
			fullName: row.fullName,
			schoolId: school.id,
			birthDate: row.birthDate,
			birthYear: row.birthYear,
			experienceYears: row.experienceYears,
			education: row.education,
			category: row.category,
			categoryExpiresOn: row.categoryExpiresOn
		};
		if (row.subjects !== null) fields.subjects = row.subjects;
		if (row.email !== null) fields.email = row.email;

		const candidate: Draft<Profile> = match
			? { ...match, ...fields }
			: {
					userId: null,
					fullName: row.fullName,
					email: row.email,
					schoolId: school.id,
					associationId: null,
					position: null,
					subjects: row.subjects ?? [],
					experienceYears: row.experienceYears,
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
		if (!match) {
			steps.push({ kind: 'create', line, draft: candidate });
			continue;
		}
		const patch: Partial<Draft<Profile>> = {};
		const current = match as unknown as Record<string, unknown>;
		for (const [k, v] of Object.entries(fields)) {
			if (JSON.stringify(current[k] ?? null) !== JSON.stringify(v)) (patch as Record<string, unknown>)[k] = v;
		}
		const addMembership = !members.has(match.id);
		if (Object.keys(patch).length === 0 && !addMembership) steps.push({ kind: 'same', line, profileId: match.id });
		else steps.push({ kind: 'update', line, profileId: match.id, patch, addMembership });
	}
	problems.sort((a, b) => a.line - b.line);
	return { rowCount: data.length, steps, problems };
}

/** How many rows each outcome has, for the preview's summary. */
export function summary(result: StaffPlan): { create: number; update: number; same: number; rejected: number } {
	const count = (kind: Step['kind']) => result.steps.filter((s) => s.kind === kind).length;
	return { create: count('create'), update: count('update'), same: count('same'), rejected: new Set(result.problems.map((p) => p.line)).size };
}
