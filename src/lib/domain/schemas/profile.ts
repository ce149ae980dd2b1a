import type { Draft } from '../common';
import { BIRTH_DATES, CATEGORIES, EDUCATION_LEVELS, type Profile } from '../profile';
import { arrayOf, date, email, int, issue, nullable, objectSchema, oneOf, text, uuid } from '../validation';

export const profileSchema = /* @__PURE__ */ objectSchema<Draft<Profile>>({
	userId: nullable(uuid()),
	fullName: text({ required: true, max: 200 }),
	email: nullable(email()),
	schoolId: nullable(uuid()),
	associationId: nullable(uuid()),
	position: nullable(text({ max: 200 })),
	subjects: arrayOf(text({ required: true, max: 200 }), { max: 20 }),
	experienceYears: int({ min: 0, max: 60 }),
	category: oneOf(CATEGORIES),
	categoryExpiresOn: nullable(date()),
	education: oneOf(EDUCATION_LEVELS),
	birthYear: int({ min: 1940, max: 2010 }),
	birthDate: nullable(date(BIRTH_DATES))
})
	// Every category is awarded for a term; without its expiry the CATEGORY indicator cannot be trusted.
	.refine(['category', 'categoryExpiresOn'], (p) => {
		if (p.category === 'none' && p.categoryExpiresOn !== null) return [issue('categoryExpiresOn', 'not_allowed')];
		if (p.category !== 'none' && p.categoryExpiresOn === null) return [issue('categoryExpiresOn', 'required')];
		return [];
	})
	// Age bands read the year, the import matches on the date: the two must never disagree.
	.refine(['birthYear', 'birthDate'], (p) =>
		p.birthDate !== null && Number(p.birthDate.slice(0, 4)) !== p.birthYear ? [issue('birthDate', 'mismatch')] : []
	);
