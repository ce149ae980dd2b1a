import type { Id, SyncedRow } from './common';

/** Roles as the person sees them; one person may hold several (a teacher who is also a mentor). */
export const ROLES = ['teacher', 'mentor', 'school_methodist', 'municipal_methodist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A person's role in an organisation (a school for teachers, a municipality for its methodists). */
export interface Membership extends SyncedRow {
	profileId: Id;
	organizationId: Id;
	role: Role;
}
