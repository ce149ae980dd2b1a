import type { Draft } from '../common';
import {
	COMPETENCY_GROUPS,
	COMPETENCY_ID_PATTERN,
	FRAMEWORK_CODE_PATTERN,
	FRAMEWORK_STATUSES,
	INDICATOR_ID_PATTERN,
	SCORES,
	type Competency,
	type Framework,
	type Indicator,
	type ScaleLevel
} from '../framework';
import { arrayOf, instant, int, issue, key, nullable, objectSchema, oneOf, text, type Issue } from '../validation';

const indicatorSchema = /* @__PURE__ */ objectSchema<Indicator>({
	id: key(INDICATOR_ID_PATTERN),
	text: text({ required: true, max: 300 })
});

const scaleLevelSchema = /* @__PURE__ */ objectSchema<ScaleLevel>({
	score: oneOf(SCORES),
	label: text({ required: true, max: 200 }),
	hint: text({ max: 300 })
});

const competencySchema = /* @__PURE__ */ objectSchema<Competency>({
	id: key(COMPETENCY_ID_PATTERN),
	group: oneOf(COMPETENCY_GROUPS),
	title: text({ required: true, max: 300 }),
	description: text({ max: 4000 }),
	// DOMAIN: each competency has 3–6 observable indicators; it keeps a self-assessment short.
	indicators: arrayOf(indicatorSchema.field, { min: 3, max: 6 })
}).refine(['id', 'indicators'], (c) =>
	// The prefix lets a score be traced to its competency even without the framework at hand.
	c.indicators.flatMap((indicator, index) =>
		indicator.id.startsWith(`${c.id}.`) ? [] : [issue(`indicators.${index}.id`, 'mismatch', { competencyId: c.id })]
	)
);

/**
 * Framework content. Ids must be unique across the whole framework, since scores are keyed by
 * indicator id alone; the scale must list 0, 1, 2, 3 in order, since Score is fixed in code.
 */
export const frameworkSchema = /* @__PURE__ */ objectSchema<Draft<Framework>>({
	code: key(FRAMEWORK_CODE_PATTERN, 50),
	revision: int({ min: 1, max: 10_000 }),
	title: text({ required: true, max: 300 }),
	scale: arrayOf(scaleLevelSchema.field, { min: SCORES.length, max: SCORES.length }),
	competencies: arrayOf(competencySchema.field, { min: 1, max: 50 }),
	status: oneOf(FRAMEWORK_STATUSES),
	academicYear: nullable(int({ min: 2000, max: 2100 })),
	publishedAt: nullable(instant())
})
	.refine(['scale'], (f) =>
		f.scale.flatMap((level, index) =>
			level.score === index ? [] : [issue(`scale.${index}.score`, 'mismatch', { expected: index })]
		)
	)
	.refine(['competencies'], (f) => {
		const issues: Issue[] = [];
		const seen = new Set<string>();
		f.competencies.forEach((c, ci) => {
			if (seen.has(c.id)) issues.push(issue(`competencies.${ci}.id`, 'duplicate'));
			seen.add(c.id);
			c.indicators.forEach((indicator, ii) => {
				if (seen.has(indicator.id)) issues.push(issue(`competencies.${ci}.indicators.${ii}.id`, 'duplicate'));
				seen.add(indicator.id);
			});
		});
		return issues;
	});
