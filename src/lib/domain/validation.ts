/**
 * A tiny schema kit. One schema per entity serves the form, the repository guard and the sync
 * validator, so it returns codes, never sentences: the UI translates them.
 * Builders are marked `@__NO_SIDE_EFFECTS__` and schemas `@__PURE__`, so a bundle that does not
 * use a schema drops it.
 */
import { isIsoDate, isIsoDateTime } from './dates';
import { hasLoneSurrogate } from './text';

export const ISSUE_CODES = [
	'required',
	'too_short',
	'too_long',
	'not_a_number',
	'not_integer',
	'out_of_range',
	'invalid_date',
	'date_before',
	'date_after',
	'invalid_option',
	'invalid_url',
	'invalid_email',
	'invalid_id',
	'invalid_type',
	'not_allowed',
	'must_differ',
	'duplicate',
	'mismatch',
	'invalid_character'
] as const;
/**
 * - `date_before`: the date is earlier than `params.min`; `date_after`: later than `params.max`.
 * - `invalid_type`: the value is not even the right shape (not a string, array, object…).
 * - `not_allowed`: the field must be empty in this state (e.g. an expiry date without a category).
 * - `must_differ`: the field must not equal `params.other` (mentor and mentee).
 * - `duplicate`: an id repeats in a list; `mismatch`: the field disagrees with a related record.
 * - `invalid_character`: the text holds half of a surrogate pair, which no database stores (stray
 *   control characters are not an issue: the repositories drop them, see `cleanText`).
 */
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface Issue {
	/** Dotted path from the validated object: 'title', 'evidence.0.value', 'scores[goal-setting.1]'. */
	path: string;
	code: IssueCode;
	params?: Record<string, string | number>;
}

/** Checks one value; `path` names it in the issues it returns. */
export type Validator = (value: unknown, path: string) => Issue[];

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function issue(path: string, code: IssueCode, params?: Record<string, string | number>): Issue {
	return params ? { path, code, params } : { path, code };
}

function join(parent: string, key: string | number): string {
	return parent === '' ? String(key) : `${parent}.${key}`;
}

// Code points, not UTF-16 units: the database's char_length counts the same way.
function length(value: string): number {
	return Array.from(value).length;
}

/** Text with a mandatory upper limit (no field is unbounded); `required` rejects blank text. */
/* @__NO_SIDE_EFFECTS__ */
export function text(options: { max: number; min?: number; required?: boolean }): Validator {
	return (value, path) => {
		if (typeof value !== 'string') return [issue(path, 'invalid_type')];
		if (hasLoneSurrogate(value)) return [issue(path, 'invalid_character')];
		const trimmed = value.trim();
		if (trimmed === '') return options.required ? [issue(path, 'required')] : [];
		if (options.min !== undefined && length(trimmed) < options.min)
			return [issue(path, 'too_short', { min: options.min })];
		if (length(value) > options.max) return [issue(path, 'too_long', { max: options.max })];
		return [];
	};
}

/** A stable textual key (framework code, competency or indicator id) matching `pattern`. */
/* @__NO_SIDE_EFFECTS__ */
export function key(pattern: RegExp, max = 100): Validator {
	return (value, path) =>
		typeof value === 'string' && value.length <= max && pattern.test(value) ? [] : [issue(path, 'invalid_id')];
}

function range(min: number | undefined, max: number | undefined, gt?: number): Record<string, number> {
	const params: Record<string, number> = {};
	if (min !== undefined) params.min = min;
	if (gt !== undefined) params.gt = gt;
	if (max !== undefined) params.max = max;
	return params;
}

/** A finite number; `gt` is an exclusive lower bound (hours must be more than 0). */
/* @__NO_SIDE_EFFECTS__ */
export function num(options: { min?: number; gt?: number; max?: number } = {}): Validator {
	return (value, path) => {
		if (typeof value !== 'number' || !Number.isFinite(value)) return [issue(path, 'not_a_number')];
		const { min, gt, max } = options;
		if ((min !== undefined && value < min) || (gt !== undefined && value <= gt) || (max !== undefined && value > max)) {
			return [issue(path, 'out_of_range', range(min, max, gt))];
		}
		return [];
	};
}

/** A whole number within [min, max]. */
/* @__NO_SIDE_EFFECTS__ */
export function int(options: { min?: number; max?: number } = {}): Validator {
	const bounds = num(options);
	return (value, path) => {
		if (typeof value !== 'number' || !Number.isFinite(value)) return [issue(path, 'not_a_number')];
		if (!Number.isInteger(value)) return [issue(path, 'not_integer')];
		return bounds(value, path);
	};
}

/**
 * Dates any record of this app can carry. A phone's date field happily takes «0026-10-01» when a
 * digit is lost; nothing a teacher records happened before 1950 or will after 2100.
 */
export const PLAUSIBLE_DATES = { min: '1950-01-01', max: '2100-12-31' } as const;

/** A real calendar date 'YYYY-MM-DD' ('2026-02-30' is not), within [min, max] (plausible dates by default). */
/* @__NO_SIDE_EFFECTS__ */
export function date(options: { min?: string; max?: string } = {}): Validator {
	const min = options.min ?? PLAUSIBLE_DATES.min;
	const max = options.max ?? PLAUSIBLE_DATES.max;
	return (value, path) => {
		if (!isIsoDate(value)) return [issue(path, 'invalid_date')];
		// ISO dates of four-digit years order as strings.
		if (value < min) return [issue(path, 'date_before', { min })];
		if (value > max) return [issue(path, 'date_after', { max })];
		return [];
	};
}

// The plausible dates as instants in UTC, the window the database checks (private.is_plausible_instant).
const FIRST_INSTANT = Date.UTC(1950, 0, 1);
const AFTER_LAST_INSTANT = Date.UTC(2101, 0, 1);

/**
 * An ISO 8601 instant with an explicit zone, inside the plausible dates in UTC: a clock set to
 * year 2200 or a lost digit would store an instant no report can place.
 */
/* @__NO_SIDE_EFFECTS__ */
export function instant(): Validator {
	return (value, path) => {
		if (!isIsoDateTime(value)) return [issue(path, 'invalid_date')];
		const at = Date.parse(value);
		if (at < FIRST_INSTANT) return [issue(path, 'date_before', { min: PLAUSIBLE_DATES.min })];
		if (!(at < AFTER_LAST_INSTANT)) return [issue(path, 'date_after', { max: PLAUSIBLE_DATES.max })];
		return [];
	};
}

/* @__NO_SIDE_EFFECTS__ */
export function bool(): Validator {
	return (value, path) => (typeof value === 'boolean' ? [] : [issue(path, 'invalid_type')]);
}

/* @__NO_SIDE_EFFECTS__ */
export function oneOf(options: readonly unknown[]): Validator {
	return (value, path) => (options.includes(value) ? [] : [issue(path, 'invalid_option')]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID of any version: devices make v4, the server may make others. */
/* @__NO_SIDE_EFFECTS__ */
export function uuid(): Validator {
	return (value, path) => (typeof value === 'string' && UUID.test(value) ? [] : [issue(path, 'invalid_id')]);
}

export function isUuid(value: unknown): boolean {
	return typeof value === 'string' && UUID.test(value);
}

/** An absolute http(s) link; other schemes (javascript:, file:) are refused because links get opened. */
/* @__NO_SIDE_EFFECTS__ */
export function url(max = 2000): Validator {
	return (value, path) => {
		if (typeof value !== 'string') return [issue(path, 'invalid_type')];
		if (value.length > max) return [issue(path, 'too_long', { max })];
		let parsed: URL;
		try {
			parsed = new URL(value);
		} catch {
			return [issue(path, 'invalid_url')];
		}
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? [] : [issue(path, 'invalid_url')];
	};
}

// Deliberately loose: the invitation e-mail is the real check; this only catches typos.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/* @__NO_SIDE_EFFECTS__ */
export function email(max = 254): Validator {
	return (value, path) => {
		if (typeof value !== 'string') return [issue(path, 'invalid_type')];
		if (value.length > max) return [issue(path, 'too_long', { max })];
		return EMAIL.test(value) ? [] : [issue(path, 'invalid_email')];
	};
}

/** Null passes; anything else must pass `validator`. `undefined` is not null: fields are never absent. */
/* @__NO_SIDE_EFFECTS__ */
export function nullable(validator: Validator): Validator {
	return (value, path) => (value === null ? [] : validator(value, path));
}

/* @__NO_SIDE_EFFECTS__ */
export function arrayOf(item: Validator, options: { max: number; min?: number }): Validator {
	return (value, path) => {
		if (!Array.isArray(value)) return [issue(path, 'invalid_type')];
		if (value.length > options.max) return [issue(path, 'too_long', { max: options.max })];
		if (options.min !== undefined && value.length < options.min)
			return [issue(path, 'too_short', { min: options.min })];
		return value.flatMap((element, index) => item(element, join(path, index)));
	};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string-keyed map; key issues and value issues are reported at `path[key]`. */
/* @__NO_SIDE_EFFECTS__ */
export function recordOf(keyValidator: Validator, valueValidator: Validator, options: { max: number }): Validator {
	return (value, path) => {
		if (!isPlainObject(value)) return [issue(path, 'invalid_type')];
		const entries = Object.entries(value);
		if (entries.length > options.max) return [issue(path, 'too_long', { max: options.max })];
		return entries.flatMap(([k, v]) => {
			const at = `${path}[${k}]`;
			const keyIssues = keyValidator(k, at);
			return keyIssues.length > 0 ? keyIssues : valueValidator(v, at);
		});
	};
}

/** One validator per field; `-?` makes a new entity field a compile error until it is validated. */
export type Shape<T> = { [K in keyof T]-?: Validator };

/** A cross-field rule; it sees only the fields it declared, and only once they are valid. */
export type Refinement<T, K extends keyof T> = (value: Pick<T, K>) => Issue[];

export interface ObjectSchema<T> {
	readonly shape: Shape<T>;
	/** Every issue, fields first, then cross-field rules. Keys outside the shape are ignored. */
	validate(value: unknown): Issue[];
	parse(value: unknown): Parsed<T>;
	/** A new schema with one more cross-field rule, run when every field in `fields` is valid. */
	refine<K extends keyof T & string>(fields: readonly K[], check: Refinement<T, K>): ObjectSchema<T>;
	/** The schema as a field validator, for objects nested in lists (evidence, recommendations). */
	readonly field: Validator;
}

interface AnyRefinement {
	fields: readonly string[];
	check: (value: never) => Issue[];
}

function touches(issues: Issue[], field: string): boolean {
	return issues.some((i) => i.path === field || i.path.startsWith(`${field}.`) || i.path.startsWith(`${field}[`));
}

/* @__NO_SIDE_EFFECTS__ */
function build<T>(shape: Shape<T>, refinements: readonly AnyRefinement[]): ObjectSchema<T> {
	const run: Validator = (value, path) => {
		if (!isPlainObject(value)) return [issue(path, 'invalid_type')];
		const fieldIssues: Issue[] = [];
		for (const [name, validator] of Object.entries(shape) as [string, Validator][]) {
			fieldIssues.push(...validator(value[name], name));
		}
		const crossIssues = refinements
			.filter((r) => !r.fields.some((f) => touches(fieldIssues, f)))
			.flatMap((r) => (r.check as (value: Record<string, unknown>) => Issue[])(value));
		return [...fieldIssues, ...crossIssues].map((i) => ({ ...i, path: i.path === '' ? path : join(path, i.path) }));
	};
	return {
		shape,
		field: run,
		validate: (value) => run(value, ''),
		parse(value) {
			const issues = run(value, '');
			return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, issues };
		},
		refine(fields, check) {
			return build<T>(shape, [...refinements, { fields, check: check as AnyRefinement['check'] }]);
		}
	};
}

/* @__NO_SIDE_EFFECTS__ */
export function objectSchema<T>(shape: Shape<T>): ObjectSchema<T> {
	return build(shape, []);
}
