/**
 * Staff-profile bands (кадровый состав). A band holds values in [min, max): it includes its lower
 * bound, and `max` null means open-ended. Ids are codes; the UI translates them.
 */
export interface Band<Id extends string> {
	id: Id;
	min: number;
	max: number | null;
}

export const AGE_BANDS = [
	{ id: 'under-25', min: 0, max: 25 },
	{ id: '25-29', min: 25, max: 30 },
	{ id: '30-34', min: 30, max: 35 },
	{ id: '35-39', min: 35, max: 40 },
	{ id: '40-44', min: 40, max: 45 },
	{ id: '45-49', min: 45, max: 50 },
	{ id: '50-54', min: 50, max: 55 },
	{ id: '55-59', min: 55, max: 60 },
	{ id: '60-64', min: 60, max: 65 },
	{ id: '65-plus', min: 65, max: null }
] as const satisfies readonly Band<string>[];
/** моложе 25, 25–29, 30–34, …, 60–64, 65 и более. */
export type AgeBandId = (typeof AGE_BANDS)[number]['id'];

export const EXPERIENCE_BANDS = [
	{ id: 'under-3', min: 0, max: 3 },
	{ id: '3-5', min: 3, max: 5 },
	{ id: '5-10', min: 5, max: 10 },
	{ id: '10-15', min: 10, max: 15 },
	{ id: '15-20', min: 15, max: 20 },
	{ id: '20-plus', min: 20, max: null }
] as const satisfies readonly Band<string>[];
/** до 3 лет, 3–5, 5–10, 10–15, 15–20, 20 и более. */
export type ExperienceBandId = (typeof EXPERIENCE_BANDS)[number]['id'];

/** The band holding `value`, or null for a value no band holds (negative, NaN). */
export function bandOf<Id extends string>(bands: readonly Band<Id>[], value: number): Id | null {
	const band = bands.find((b) => value >= b.min && (b.max === null || value < b.max));
	return band ? band.id : null;
}

export function ageBandOf(age: number): AgeBandId | null {
	return bandOf<AgeBandId>(AGE_BANDS, age);
}

export function experienceBandOf(years: number): ExperienceBandId | null {
	return bandOf<ExperienceBandId>(EXPERIENCE_BANDS, years);
}
