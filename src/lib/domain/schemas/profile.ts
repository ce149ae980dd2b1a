import type { Draft } from '../common';
import { BIRTH_DATES, CATEGORIES, EDUCATION_LEVELS, EXPERIENCE_AS_OF_DATES, type Profile } from '../profile';
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
	experienceAsOf: nullable(date(EXPERIENCE_AS_OF_DATES)),
	category: oneOf(CATEGORIES),
	categoryExpiresOn: nullable(date()),
	education: oneOf(EDUCATION_LEVELS),
	birthYear: int({ min: 1940, max: 2010 }),
	birthDate: nullable(date(BIRTH_DATES))
})
	// «Без категории» has no term. A category's expiry may be unknown (real staff lists often lack
	// it): it then counts as valid (profile.ts isCategoryValid) and is shown as not given.
	.refine(['category', 'categoryExpiresOn'], (p) =>
		p.category === 'none' && p.categoryExpiresOn !== null ? [issue('categoryExpiresOn', 'not_allowed')] : []
	)
	// Age bands read the year, the import matches on the date: the two must never disagree.
	.refine(['birthYear', 'birthDate'], (p) =>
		p.birthDate !== null && Number(p.birthDate.slice(0, 4)) !== p.birthYear ? [issue('birthDate', 'mismatch')] : []
	);
