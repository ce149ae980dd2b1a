import type { Draft } from '../common';
import { DEFICIT_SOURCES, DEFICIT_STATUSES, type Deficit, type DeficitStatusChange } from '../deficit';
import { COMPETENCY_ID_PATTERN, INDICATOR_ID_PATTERN } from '../framework';
import { arrayOf, instant, issue, key, nullable, objectSchema, oneOf, text, uuid } from '../validation';

const statusChangeSchema = /* @__PURE__ */ objectSchema<DeficitStatusChange>({
	status: oneOf(DEFICIT_STATUSES),
	at: instant(),
	by: nullable(uuid())
});

export const deficitSchema = /* @__PURE__ */ objectSchema<Draft<Deficit>>({
	teacherId: uuid(),
	competencyId: key(COMPETENCY_ID_PATTERN),
	indicatorIds: arrayOf(key(INDICATOR_ID_PATTERN), { max: 6 }),
	source: oneOf(DEFICIT_SOURCES),
	description: text({ max: 4000 }),
	status: oneOf(DEFICIT_STATUSES),
	confirmedAt: nullable(instant()),
	sourceAssessmentId: nullable(uuid()),
	sourceObservationId: nullable(uuid()),
	history: arrayOf(statusChangeSchema.field, { max: 200 })
})
	// Indicator ids carry their competency as a prefix; a deficit names indicators of its own competency.
	.refine(['competencyId', 'indicatorIds'], (d) =>
		d.indicatorIds.flatMap((id, index) =>
			id.startsWith(`${d.competencyId}.`)
				? []
				: [issue(`indicatorIds.${index}`, 'mismatch', { competencyId: d.competencyId })]
		)
	)
	.refine(['indicatorIds'], (d) =>
		d.indicatorIds.flatMap((id, index) =>
			d.indicatorIds.indexOf(id) < index ? [issue(`indicatorIds.${index}`, 'duplicate')] : []
		)
	)
	// The history is the audit trail the DEFICITS_CLOSED indicator counts from: it ends at the status.
	.refine(['status', 'history'], (d) => {
		const last = d.history.at(-1);
		return last !== undefined && last.status !== d.status ? [issue('history', 'mismatch', { status: d.status })] : [];
	});
