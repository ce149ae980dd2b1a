import type { Draft } from '../common';
import type { IndicatorTarget } from '../indicator-target';
import { INDICATOR_CODES } from '../indicators';
import { int, num, objectSchema, oneOf, uuid } from '../validation';

export const indicatorTargetSchema = /* @__PURE__ */ objectSchema<Draft<IndicatorTarget>>({
	organizationId: uuid(),
	academicYear: int({ min: 2000, max: 2100 }),
	code: oneOf(INDICATOR_CODES),
	value: num({ min: 0, max: 1 })
});
