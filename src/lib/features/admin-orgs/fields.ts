import type { Organization } from '$lib/domain/organization';

/** What the organisation form edits: the names, a school's flags, its own time zone (null: inherited). */
export interface OrgFields {
	name: string;
	shortName: string;
	lowResults: boolean;
	adverseConditions: boolean;
	program500: boolean;
	timeZone: string | null;
}

export function fieldsOf(org: Organization | null): OrgFields {
	return {
		name: org?.name ?? '',
		shortName: org?.shortName ?? '',
		lowResults: org?.lowResults ?? false,
		adverseConditions: org?.adverseConditions ?? false,
		program500: org?.program500 ?? false,
		timeZone: org?.timeZone ?? null
	};
}
