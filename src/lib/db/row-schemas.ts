import { activitySchema } from '$lib/domain/schemas/activity';
import { assessmentSchema } from '$lib/domain/schemas/assessment';
import { commentSchema } from '$lib/domain/schemas/comment';
import { deficitSchema } from '$lib/domain/schemas/deficit';
import { developmentPlanSchema, planActionSchema } from '$lib/domain/schemas/development-plan';
import { frameworkSchema } from '$lib/domain/schemas/framework';
import { indicatorTargetSchema } from '$lib/domain/schemas/indicator-target';
import { membershipSchema } from '$lib/domain/schemas/membership';
import { mentoringPairSchema, mentoringSessionSchema } from '$lib/domain/schemas/mentoring';
import { observationSchema } from '$lib/domain/schemas/observation';
import { organizationSchema } from '$lib/domain/schemas/organization';
import { profileSchema } from '$lib/domain/schemas/profile';
import { addressedRecommendationSchema } from '$lib/domain/schemas/recommendation';
import type { SyncedRow } from '$lib/domain/common';
import {
	instant,
	int,
	nullable,
	objectSchema,
	uuid,
	type Issue,
	type ObjectSchema,
	type Validator
} from '$lib/domain/validation';
import type { SyncedTable } from './database';

/**
 * The entity schema of every synced table: the one each repository guards its writes with, here
 * for rows that arrive whole rather than through a repository (a backup file).
 */
export const ROW_SCHEMAS: { [K in SyncedTable]: ObjectSchema<never> } = {
	organizations: organizationSchema,
	memberships: membershipSchema,
	profiles: profileSchema,
	frameworks: frameworkSchema,
	assessments: assessmentSchema,
	deficits: deficitSchema,
	development_plans: developmentPlanSchema,
	plan_actions: planActionSchema,
	activities: activitySchema,
	mentoring_pairs: mentoringPairSchema,
	mentoring_sessions: mentoringSessionSchema,
	observations: observationSchema,
	comments: commentSchema,
	indicator_targets: indicatorTargetSchema,
	recommendations: addressedRecommendationSchema
} as unknown as { [K in SyncedTable]: ObjectSchema<never> };

/** The fields the data layer fills in on every row; a repository never takes them from a form. */
const metaSchema = /* @__PURE__ */ objectSchema<SyncedRow>({
	id: uuid(),
	version: int({ min: 0 }),
	updatedAt: instant(),
	updatedBy: nullable(uuid()),
	deletedAt: nullable(instant())
});

export const META_FIELDS: readonly string[] = Object.keys(metaSchema.shape);

/** The fields a table's rows have besides the meta fields. */
export function fieldsOf(table: SyncedTable): readonly string[] {
	return Object.keys(ROW_SCHEMAS[table].shape);
}

/**
 * A row written before a field was added (a backup file of an older version), given the value the
 * device's schema upgrade gives stored rows (database.ts SCHEMA_VERSIONS): fields are never
 * absent. A field that is present, whatever its value, is left for the schema to judge.
 */
export function withAddedFields(table: SyncedTable, row: Record<string, unknown>): Record<string, unknown> {
	if (table === 'profiles') {
		const out = { ...row };
		if (!Object.hasOwn(out, 'birthDate')) out.birthDate = null;
		if (!Object.hasOwn(out, 'experienceAsOf')) {
			// v6: the стаж as of the day the row was last written.
			const written = typeof out.updatedAt === 'string' ? new Date(out.updatedAt) : null;
			out.experienceAsOf =
				written && !Number.isNaN(written.getTime())
					? `${written.getFullYear()}-${String(written.getMonth() + 1).padStart(2, '0')}-${String(written.getDate()).padStart(2, '0')}`
					: null;
		}
		return out;
	}
	if (table === 'organizations') {
		const out = { ...row };
		if (!Object.hasOwn(out, 'timeZone')) out.timeZone = null;
		// v8: no closing date, no monitoring windows.
		if (!Object.hasOwn(out, 'closedOn')) out.closedOn = null;
		if (!Object.hasOwn(out, 'monitoring')) out.monitoring = {};
		// v9: mentors do not approve plans unless the school says so.
		if (!Object.hasOwn(out, 'mentorsApprovePlans')) out.mentorsApprovePlans = false;
		return out;
	}
	if (table === 'development_plans' && !Object.hasOwn(row, 'approvalStatus')) {
		// v9: a plan already signed was approved, sent when it was signed.
		const at = row.approvedBy ? (row.approvedAt ?? null) : null;
		return {
			...row,
			approvalStatus: at ? 'approved' : 'not_submitted',
			approvalComment: '',
			submittedAt: at,
			approverName: ''
		};
	}
	if (table === 'frameworks') {
		// v8: every version written before drafts existed was published, for every year.
		const out = { ...row };
		if (!Object.hasOwn(out, 'status')) out.status = 'published';
		if (!Object.hasOwn(out, 'academicYear')) out.academicYear = null;
		if (!Object.hasOwn(out, 'publishedAt')) out.publishedAt = null;
		return out;
	}
	return row;
}

/** Every issue of a whole row: its meta fields and its entity schema. */
export function validate(table: SyncedTable, row: unknown): Issue[] {
	return [...metaSchema.validate(row), ...ROW_SCHEMAS[table].validate(row)];
}

/** The validator of one field of a table's rows (meta fields included), or undefined for a field the table does not have. */
export function fieldValidator(table: SyncedTable, field: string): Validator | undefined {
	const shape = ROW_SCHEMAS[table].shape as Record<string, Validator>;
	const meta = metaSchema.shape as Record<string, Validator>;
	return Object.hasOwn(shape, field) ? shape[field] : Object.hasOwn(meta, field) ? meta[field] : undefined;
}
