/**
 * The school list of a municipality (список ОО), as CSV or XLSX rows, checked line by line and
 * matched against the schools on record, giving a plan — which lines are new schools, which are
 * already on record, which are refused and why — before anything is written. Pure: the rows, the
 * municipality and its schools come in as arguments.
 *
 * The file: a header row (title lines above it are skipped) with the columns «Наименование»,
 * «Краткое наименование» (optional), «ШНОР», «ШНСУ», «500+» (да/нет; empty is нет) and
 * «Часовой пояс» (optional: an IANA name of a Russian zone such as Asia/Novokuznetsk; empty: the
 * municipality's). A school is on record when its name or short name names a school of the
 * municipality as the staff import matches schools (school-name.ts schoolKey: case, ё/е, quotes,
 * punctuation and spacing do not count, nor the legal form; СОШ is «средняя школа»); the same
 * rule finds a school listed twice in the file.
 */
import type { Draft, Id } from './common';
import type { Organization } from './organization';
import { organizationSchema } from './schemas/organization';
import { schoolKey, schoolMatcher } from './school-name';
import { comparable, type SheetRow } from './staff-import';
import { russianZoneNamed } from './time-zones';

/** The columns, by the header the file carries (matched case- and space-insensitively). */
export const SCHOOL_LIST_COLUMNS = {
	name: 'Наименование',
	shortName: 'Краткое наименование',
	lowResults: 'ШНОР',
	adverseConditions: 'ШНСУ',
	program500: '500+',
	timeZone: 'Часовой пояс'
} as const;
export type SchoolListColumn = keyof typeof SCHOOL_LIST_COLUMNS;

const OPTIONAL_COLUMNS: readonly SchoolListColumn[] = ['shortName', 'timeZone'];
const FLAG_COLUMNS = ['lowResults', 'adverseConditions', 'program500'] as const;

/** Other spellings met in real lists, normalised as headers are. */
const ALIASES: Record<string, SchoolListColumn> = {
	название: 'name',
	полноенаименование: 'name',
	наименованиеоо: 'name',
	наименованиеорганизации: 'name',
	образовательнаяорганизация: 'name',
	оо: 'name',
	школа: 'name',
	краткоеназвание: 'shortName',
	сокращенноенаименование: 'shortName',
	краткоенаименованиеоо: 'shortName',
	шнор: 'lowResults',
	шнсу: 'adverseConditions',
	'500': 'program500',
	проект500: 'program500',
	участник500: 'program500',
	timezone: 'timeZone',
	таймзона: 'timeZone'
};

/** A municipality's list is a few hundred lines; beyond this it is almost surely the wrong file. */
export const MAX_ROWS = 5_000;
/** Title lines and blank lines above the header: how far down it is looked for. */
const HEADER_SEARCH_ROWS = 30;
const MAX_NAME = 200;

export const SCHOOL_LIST_PROBLEMS = [
	'empty_file',
	'too_many_rows',
	'missing_column',
	'duplicate_column',
	'required',
	'too_long',
	'unknown_flag',
	'unknown_time_zone',
	'duplicate_in_file',
	'ambiguous_match',
	'invalid_value'
] as const;
/**
 * - `duplicate_in_file`: the same school (by name) is on an earlier line, `ref`;
 * - `ambiguous_match`: the name fits several schools on record (`value`: their names);
 * - `invalid_value`: the organisation's schema refused the value (what the other checks missed).
 */
export type SchoolListProblemCode = (typeof SCHOOL_LIST_PROBLEMS)[number];

export interface SchoolListProblem {
	line: number;
	/** Null for a problem of the whole file. */
	column: SchoolListColumn | null;
	code: SchoolListProblemCode;
	/** The offending cell, as written. */
	value?: string;
	/** The earlier line, for `duplicate_in_file`. */
	ref?: number;
}

export type SchoolLine =
	| { line: number; status: 'new'; name: string; school: Draft<Organization> }
	| { line: number; status: 'existing'; name: string; schoolId: Id; closedOn: string | null }
	| { line: number; status: 'error'; name: string; problems: SchoolListProblem[] };

export interface SchoolListPlan {
	/** Every data line of the file, in its order. */
	lines: SchoolLine[];
	/** Problems of the file as a whole (no header, missing columns): then there are no lines. */
	fileProblems: SchoolListProblem[];
	counts: { new: number; existing: number; error: number };
}

/** A school on record in the municipality the list is for. */
export type RecordedSchool = Pick<Organization, 'id' | 'name' | 'shortName' | 'closedOn'>;

function normaliseHeader(header: string): string {
	return header
		.toLowerCase()
		.replace(/ё/g, 'е')
		.replace(/[\s\u00a0_\-.:*"«»]/g, '');
}

const HEADERS: Record<string, SchoolListColumn> = {
	...Object.fromEntries(
		(Object.entries(SCHOOL_LIST_COLUMNS) as [SchoolListColumn, string][]).map(([k, v]) => [normaliseHeader(v), k])
	),
	...ALIASES
};

function clean(value: string | undefined): string {
	return (value ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** How many different known columns a row names: the header row is the one naming most. */
function headerScore(row: SheetRow): number {
	return new Set(row.cells.map((c) => HEADERS[normaliseHeader(c)]).filter(Boolean)).size;
}

const YES = new Set(['да', 'д', '+', '1', 'true', 'истина', 'yes', 'x', 'х', 'v']);
const NO = new Set(['', 'нет', 'н', '-', '—', '–', '0', 'false', 'ложь', 'no']);

/** да/нет as lists write it (Excel's TRUE/FALSE and ИСТИНА/ЛОЖЬ, +/−, 1/0); null when it is neither. */
export function parseFlag(value: string): boolean | null {
	const v = comparable(value).replace(/\.$/, '');
	if (YES.has(v)) return true;
	if (NO.has(v)) return false;
	return null;
}

function problemsOfSchema(line: number, school: Draft<Organization>): SchoolListProblem[] {
	return organizationSchema.validate(school).map((i) => {
		const field = i.path.split('.')[0]!;
		const column = field in SCHOOL_LIST_COLUMNS ? (field as SchoolListColumn) : null;
		const value = column ? String(school[column] ?? '') : '';
		return value === '' ? { line, column, code: 'invalid_value' } : { line, column, code: 'invalid_value', value };
	});
}

function counted(lines: SchoolLine[], fileProblems: SchoolListProblem[]): SchoolListPlan {
	const counts = { new: 0, existing: 0, error: 0 };
	for (const l of lines) counts[l.status]++;
	return { lines, fileProblems, counts };
}

/**
 * Read a municipality's school list and match it against the schools on record there: each data
 * line is a new school, one already on record (nothing is written for it), or an error with its
 * reasons. A school named twice in the file is refused on its later line, pointing at the first.
 */
export function planSchoolList(
	sheet: readonly SheetRow[],
	municipalityId: Id,
	existing: readonly RecordedSchool[]
): SchoolListPlan {
	if (sheet.length === 0) return counted([], [{ line: 1, column: null, code: 'empty_file' }]);
	let at = 0;
	let best = 0;
	for (let i = 0; i < Math.min(sheet.length, HEADER_SEARCH_ROWS); i++) {
		const score = headerScore(sheet[i]!);
		if (score > best) [at, best] = [i, score];
	}
	const header = sheet[at]!;
	const data = sheet.slice(at + 1);
	if (data.length > MAX_ROWS) return counted([], [{ line: header.line, column: null, code: 'too_many_rows' }]);

	const fileProblems: SchoolListProblem[] = [];
	const columns: Partial<Record<SchoolListColumn, number>> = {};
	header.cells.forEach((text, index) => {
		const key = HEADERS[normaliseHeader(text)];
		if (!key) return; // other columns (№, адрес, ИНН…) are left alone
		if (columns[key] !== undefined)
			fileProblems.push({ line: header.line, column: key, code: 'duplicate_column', value: clean(text) });
		else columns[key] = index;
	});
	for (const key of Object.keys(SCHOOL_LIST_COLUMNS) as SchoolListColumn[])
		if (columns[key] === undefined && !OPTIONAL_COLUMNS.includes(key))
			fileProblems.push({ line: header.line, column: key, code: 'missing_column' });
	if (fileProblems.length) return counted([], fileProblems);
	if (data.length === 0) return counted([], [{ line: header.line, column: null, code: 'empty_file' }]);

	const onRecord = schoolMatcher(existing);
	const firstLine = new Map<string, number>();
	const lines: SchoolLine[] = [];
	for (const row of data) {
		const cell = (key: SchoolListColumn) => (columns[key] === undefined ? '' : clean(row.cells[columns[key]!]));
		const problems: SchoolListProblem[] = [];
		const name = cell('name');
		const shortName = cell('shortName');
		const key = schoolKey(name);
		if (name === '') problems.push({ line: row.line, column: 'name', code: 'required' });
		else if (Array.from(name).length > MAX_NAME) problems.push({ line: row.line, column: 'name', code: 'too_long' });
		else if (key !== '' && firstLine.has(key))
			problems.push({ line: row.line, column: 'name', code: 'duplicate_in_file', ref: firstLine.get(key)! });
		else firstLine.set(key, row.line);
		if (Array.from(shortName).length > MAX_NAME)
			problems.push({ line: row.line, column: 'shortName', code: 'too_long' });
		const flags = {} as Record<(typeof FLAG_COLUMNS)[number], boolean>;
		for (const flag of FLAG_COLUMNS) {
			const value = parseFlag(cell(flag));
			if (value === null) problems.push({ line: row.line, column: flag, code: 'unknown_flag', value: cell(flag) });
			flags[flag] = value ?? false;
		}
		const zoneText = cell('timeZone');
		const timeZone = zoneText === '' ? null : russianZoneNamed(zoneText);
		if (zoneText !== '' && timeZone === null)
			problems.push({ line: row.line, column: 'timeZone', code: 'unknown_time_zone', value: zoneText });

		// A line already refused (a duplicate, a bad cell) is not matched: its reasons are enough.
		let found = problems.length ? [] : onRecord(name);
		if (found.length === 0 && shortName !== '' && problems.length === 0) found = onRecord(shortName);
		if (found.length > 1)
			problems.push({
				line: row.line,
				column: 'name',
				code: 'ambiguous_match',
				value: found.map((s) => s.name).join('; ')
			});
		const recorded = problems.length === 0 ? found[0] : undefined;
		if (recorded) {
			lines.push({ line: row.line, status: 'existing', name, schoolId: recorded.id, closedOn: recorded.closedOn });
			continue;
		}
		const school: Draft<Organization> = {
			kind: 'school',
			name,
			shortName: shortName === '' ? null : shortName,
			parentId: municipalityId,
			...flags,
			timeZone,
			closedOn: null,
			monitoring: {},
			mentorsApprovePlans: false
		};
		if (problems.length === 0) problems.push(...problemsOfSchema(row.line, school));
		lines.push(
			problems.length
				? { line: row.line, status: 'error', name, problems }
				: { line: row.line, status: 'new', name, school }
		);
	}
	return counted(lines, []);
}

/** The new schools of a plan, ready to be written. */
export function newSchools(plan: SchoolListPlan): Draft<Organization>[] {
	return plan.lines.flatMap((l) => (l.status === 'new' ? [l.school] : []));
}
