import type { Draft } from '../common';
import { ROLES, type Membership } from '../membership';
import { objectSchema, oneOf, uuid } from '../validation';

export const membershipSchema = /* @__PURE__ */ objectSchema<Draft<Membership>>({
	profileId: uuid(),
	organizationId: uuid(),
	role: oneOf(ROLES)
});
