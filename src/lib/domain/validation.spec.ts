import { describe, expect, it } from 'vitest';
import { codesOf } from './testing/builders';
import {
	arrayOf,
	bool,
	date,
	email,
	instant,
	int,
	issue,
	key,
	nullable,
	num,
	objectSchema,
	oneOf,
	recordOf,
	text,
	url,
	uuid
} from './validation';

const at = (v: (value: unknown, path: string) => unknown[], value: unknown) => v(value, 'f');

describe('text', () => {
	it('accepts text within the limit', () => {
		expect(at(text({ max: 5 }), 'abcde')).toEqual([]);
	});
	it('reports a blank required text as required', () => {
		expect(at(text({ max: 5, required: true }), '   ')).toEqual([issue('f', 'required')]);
	});
	it('lets blank optional text through even with a minimum', () => {
		expect(at(text({ max: 5, min: 3 }), '')).toEqual([]);
	});
	it('reports too long and too short with the limit as a param', () => {
		expect(at(text({ max: 3 }), 'abcd')).toEqual([issue('f', 'too_long', { max: 3 })]);
		expect(at(text({ max: 9, min: 3 }), 'ab')).toEqual([issue('f', 'too_short', { min: 3 })]);
	});
	it('counts code points, so an emoji is one character', () => {
		expect(at(text({ max: 2 }), 'я🙂')).toEqual([]);
	});
	it('reports a non-string as invalid_type', () => {
		expect(at(text({ max: 3 }), 5)).toEqual([issue('f', 'invalid_type')]);
	});
	it('reports half of a surrogate pair as invalid_character, required or not', () => {
		expect(at(text({ max: 50 }), 'Курс \ud83d')).toEqual([issue('f', 'invalid_character')]);
		expect(at(text({ max: 50, required: true }), '\ude00')).toEqual([issue('f', 'invalid_character')]);
		expect(at(text({ max: 50 }), 'Курс 🙂')).toEqual([]);
	});
	it('lets stray control characters through: the repositories drop them before writing', () => {
		expect(at(text({ max: 50, required: true }), 'Курс\u0000ПК')).toEqual([]);
	});
	it('finds text blank after trimming every Unicode space, as the database does', () => {
		for (const blank of [
			'\u00a0',
			'\u3000',
			'\u2003\u2009',
			'\ufeff',
			'\u202f\u205f',
			'\u1680',
			'\u2028\u2029',
			'\t\u000b\f\r\n'
		]) {
			expect(at(text({ max: 5, required: true }), blank)).toEqual([issue('f', 'required')]);
		}
	});
});

describe('numbers', () => {
	it('int refuses fractions, non-numbers and out-of-range values', () => {
		const v = int({ min: 0, max: 60 });
		expect(at(v, 60)).toEqual([]);
		expect(at(v, 2.5)).toEqual([issue('f', 'not_integer')]);
		expect(at(v, '3')).toEqual([issue('f', 'not_a_number')]);
		expect(at(v, Number.NaN)).toEqual([issue('f', 'not_a_number')]);
		expect(at(v, 61)).toEqual([issue('f', 'out_of_range', { min: 0, max: 60 })]);
	});
	it('num with gt excludes the bound itself', () => {
		const v = num({ gt: 0, max: 2000 });
		expect(at(v, 0.5)).toEqual([]);
		expect(at(v, 0)).toEqual([issue('f', 'out_of_range', { gt: 0, max: 2000 })]);
		expect(at(v, Infinity)).toEqual([issue('f', 'not_a_number')]);
	});
});

describe('date', () => {
	it('accepts real calendar dates including 29 February of a leap year', () => {
		expect(at(date(), '0026-10-01')).toEqual([issue('f', 'date_before', { min: '1950-01-01' })]);
		expect(at(date(), '2206-10-01')).toEqual([issue('f', 'date_after', { max: '2100-12-31' })]);
		expect(at(date(), '2028-02-29')).toEqual([]);
		expect(at(date(), '2000-02-29')).toEqual([]);
	});
	it('refuses impossible dates and other formats', () => {
		for (const bad of [
			'2026-02-30',
			'2027-02-29',
			'1900-02-29',
			'2026-13-01',
			'2026-04-31',
			'2026-9-1',
			'01.09.2026',
			'2026-09-01T00:00:00Z',
			20260901
		]) {
			expect(at(date(), bad)).toEqual([issue('f', 'invalid_date')]);
		}
	});
	it('reports dates outside the bounds as date_before and date_after', () => {
		const v = date({ min: '2026-09-01', max: '2027-08-31' });
		expect(at(v, '2026-09-01')).toEqual([]);
		expect(at(v, '2027-08-31')).toEqual([]);
		expect(at(v, '2026-08-31')).toEqual([issue('f', 'date_before', { min: '2026-09-01' })]);
		expect(at(v, '2027-09-01')).toEqual([issue('f', 'date_after', { max: '2027-08-31' })]);
	});
	it('instant needs a real date, a valid time and a zone', () => {
		expect(at(instant(), '2026-09-01T08:30:00.000Z')).toEqual([]);
		expect(at(instant(), '2026-09-01T08:30+03:00')).toEqual([]);
		for (const bad of [
			'2026-09-01T08:30:00',
			'2026-02-30T08:30:00Z',
			'2026-09-01T24:00:00Z',
			'2026-09-01',
			'infinity',
			'10000-01-01T00:00:00Z'
		]) {
			expect(at(instant(), bad)).toEqual([issue('f', 'invalid_date')]);
		}
	});
	it('instant lies between 1950 and 2100 in UTC, the window the database keeps', () => {
		expect(at(instant(), '1950-01-01T00:00:00.000Z')).toEqual([]);
		expect(at(instant(), '2100-12-31T23:59:59.999Z')).toEqual([]);
		expect(at(instant(), '1950-01-01T02:59:59+03:00')).toEqual([issue('f', 'date_before', { min: '1950-01-01' })]);
		expect(at(instant(), '0044-03-15T00:00:00Z')).toEqual([issue('f', 'date_before', { min: '1950-01-01' })]);
		expect(at(instant(), '2100-12-31T23:00:00-05:00')).toEqual([issue('f', 'date_after', { max: '2100-12-31' })]);
		expect(at(instant(), '9999-12-31T00:00:00Z')).toEqual([issue('f', 'date_after', { max: '2100-12-31' })]);
	});
});

describe('options, ids, links and e-mail', () => {
	it('oneOf accepts only listed values', () => {
		expect(at(oneOf(['a', 'b']), 'a')).toEqual([]);
		expect(at(oneOf(['a', 'b']), 'c')).toEqual([issue('f', 'invalid_option')]);
	});
	it('uuid accepts any version and refuses other strings', () => {
		expect(at(uuid(), '0190b2a4-7c3e-7b1a-9f00-123456789abc')).toEqual([]);
		expect(at(uuid(), 'not-a-uuid')).toEqual([issue('f', 'invalid_id')]);
	});
	it('key checks a pattern', () => {
		expect(at(key(/^[a-z]+$/), 'abc')).toEqual([]);
		expect(at(key(/^[a-z]+$/), 'ABC')).toEqual([issue('f', 'invalid_id')]);
	});
	it('url accepts http(s) only', () => {
		expect(at(url(), 'https://example.org/cert.pdf')).toEqual([]);
		expect(at(url(), 'javascript:alert(1)')).toEqual([issue('f', 'invalid_url')]);
		expect(at(url(), 'example.org')).toEqual([issue('f', 'invalid_url')]);
	});
	it('email catches typos', () => {
		expect(at(email(), 'teacher@school.ru')).toEqual([]);
		expect(at(email(), 'teacher@school')).toEqual([issue('f', 'invalid_email')]);
		expect(at(email(), 'teacher school.ru')).toEqual([issue('f', 'invalid_email')]);
	});
	it('bool refuses truthy non-booleans', () => {
		expect(at(bool(), 1)).toEqual([issue('f', 'invalid_type')]);
	});
});

describe('combinators', () => {
	it('nullable lets null through but not undefined', () => {
		expect(at(nullable(uuid()), null)).toEqual([]);
		expect(at(nullable(uuid()), undefined)).toEqual([issue('f', 'invalid_id')]);
	});
	it('arrayOf reports items by index and enforces the bounds', () => {
		const v = arrayOf(int(), { max: 2, min: 1 });
		expect(at(v, [1, 'x'])).toEqual([issue('f.1', 'not_a_number')]);
		expect(at(v, [1, 2, 3])).toEqual([issue('f', 'too_long', { max: 2 })]);
		expect(at(v, [])).toEqual([issue('f', 'too_short', { min: 1 })]);
		expect(at(v, 'x')).toEqual([issue('f', 'invalid_type')]);
	});
	it('recordOf reports keys and values at path[key]', () => {
		const v = recordOf(key(/^[a-z]+$/), int(), { max: 3 });
		expect(at(v, { a: 1, B: 2, c: 'x' })).toEqual([issue('f[B]', 'invalid_id'), issue('f[c]', 'not_a_number')]);
		expect(at(v, [])).toEqual([issue('f', 'invalid_type')]);
	});
});

describe('objectSchema', () => {
	interface Span {
		from: string;
		to: string;
		label: string;
	}
	const span = /* @__PURE__ */ objectSchema<Span>({
		from: date(),
		to: date(),
		label: text({ required: true, max: 10 })
	}).refine(['from', 'to'], (s) => (s.to < s.from ? [issue('to', 'date_before', { min: s.from })] : []));

	it('passes a valid object and ignores keys outside the shape', () => {
		expect(span.validate({ from: '2026-01-01', to: '2026-01-02', label: 'x', extra: 1 })).toEqual([]);
	});
	it('runs a cross-field rule when its own fields are valid, even if others are not', () => {
		expect(codesOf(span.validate({ from: '2026-01-02', to: '2026-01-01', label: '' }))).toEqual([
			'label:required',
			'to:date_before'
		]);
	});
	it('skips a cross-field rule whose fields are invalid', () => {
		expect(codesOf(span.validate({ from: 'bad', to: '2026-01-01', label: 'x' }))).toEqual(['from:invalid_date']);
	});
	it('reports a missing field and a non-object', () => {
		expect(codesOf(span.validate({ from: '2026-01-01', label: 'x' }))).toEqual(['to:invalid_date']);
		expect(span.validate(null)).toEqual([issue('', 'invalid_type')]);
	});
	it('parse returns the value or the issues', () => {
		const good = { from: '2026-01-01', to: '2026-01-01', label: 'x' };
		expect(span.parse(good)).toEqual({ ok: true, value: good });
		expect(span.parse({ ...good, label: '' })).toEqual({ ok: false, issues: [issue('label', 'required')] });
	});
	it('nests as a field with prefixed paths, cross-field issues included', () => {
		const list = arrayOf(span.field, { max: 5 });
		expect(codesOf(list([{ from: '2026-01-02', to: '2026-01-01', label: 'x' }], 'spans'))).toEqual([
			'spans.0.to:date_before'
		]);
	});
	it('refine returns a new schema and leaves the original alone', () => {
		const base = /* @__PURE__ */ objectSchema<{ n: number }>({ n: int() });
		const positive = base.refine(['n'], (v) => (v.n > 0 ? [] : [issue('n', 'out_of_range')]));
		expect(base.validate({ n: 0 })).toEqual([]);
		expect(positive.validate({ n: 0 })).toEqual([issue('n', 'out_of_range')]);
	});
});
