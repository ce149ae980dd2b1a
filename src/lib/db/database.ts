import { Dexie, type Table, type Transaction } from 'dexie';
import type { Id, IsoDateTime, SyncedRow } from '$lib/domain/common';
import type { Organization } from '$lib/domain/organization';
import type { Membership } from '$lib/domain/membership';
import type { Profile } from '$lib/domain/profile';
import type { Framework } from '$lib/domain/framework';
import type { Assessment } from '$lib/domain/assessment';
import type { Deficit } from '$lib/domain/deficit';
import type { DevelopmentPlan, PlanAction } from '$lib/domain/development-plan';
import type { Activity } from '$lib/domain/activity';
import type { MentoringPair, MentoringSession } from '$lib/domain/mentoring';
import type { Observation } from '$lib/domain/observation';
import type { Comment } from '$lib/domain/comment';
import type { IndicatorTarget } from '$lib/domain/indicator-target';
import type { Recommendation } from '$lib/domain/recommendation';
import { targetId } from '$lib/domain/indicator-target';
import { newId, nowIso } from './ids';

/**
 * Row types of the synced tables, keyed by the server's table names, so that an outbox entry's
 * `table` is the name `sync_push` expects with no mapping in between.
 */
export interface SyncedTables {
	organizations: Organization;
	memberships: Membership;
	profiles: Profile;
	frameworks: Framework;
	assessments: Assessment;
	deficits: Deficit;
	development_plans: DevelopmentPlan;
	plan_actions: PlanAction;
	activities: Activity;
	mentoring_pairs: MentoringPair;
	mentoring_sessions: MentoringSession;
	observations: Observation;
	comments: Comment;
	indicator_targets: IndicatorTarget;
	recommendations: Recommendation;
}
export type SyncedTable = keyof SyncedTables;

export const SYNCED_TABLES = [
	'organizations',
	'memberships',
	'profiles',
	'frameworks',
	'assessments',
	'deficits',
	'development_plans',
	'plan_actions',
	'activities',
	'mentoring_pairs',
	'mentoring_sessions',
	'observations',
	'comments',
	'indicator_targets',
	'recommendations'
] as const satisfies readonly SyncedTable[];

/**
 * pending: waiting to be sent; sending: claimed for a push whose outcome is not known yet (after a
 * crash or a lost response it is sent again with the same seq, and the server's ledger answers
 * with the stored outcome); rejected: the server refused it — kept, listed and exportable until
 * the user retries or dismisses it.
 */
export type OutboxStatus = 'pending' | 'sending' | 'rejected';

/** One local change waiting for the server. Written in the same transaction as the row it describes. */
export interface OutboxEntry {
	/** Gap-free per device: the server uses it for exactly-once delivery. */
	seq: number;
	mutationId: Id;
	table: SyncedTable;
	rowId: Id;
	op: 'upsert' | 'delete';
	/** The fields this change set, with their new values. */
	fields: Record<string, unknown>;
	/** The same fields as they were before the change, for per-field conflict detection. */
	base: Record<string, unknown>;
	createdAt: IsoDateTime;
	status: OutboxStatus;
	/** Why the server rejected it (a code the UI translates, e.g. 'forbidden'); the entry stays visible and exportable. */
	reason: string | null;
	/** The server's own words about the rejection (English, for support), when it gave any. */
	message?: string | null;
}

/**
 * A field the server overwrote because two people changed it from the same starting value (the
 * later arrival wins). Pulled from the server's `sync_conflicts`; `resolvedAt` is this device's.
 * `field` is the server's column name (snake_case); `base`, `overwritten` and `value` are the
 * column's values as JSON.
 */
export interface SyncConflict {
	id: Id;
	tableName: SyncedTable;
	rowId: Id;
	field: string;
	base: unknown;
	overwritten: unknown;
	value: unknown;
	/** The profile whose value was overwritten (the row's previous updated_by). */
	overwrittenBy: Id | null;
	/** The profile (and account) whose change overwrote it. */
	profileId: Id | null;
	userId: Id;
	createdAt: IsoDateTime;
	/** When someone on this device reviewed it (kept either value); null while it waits. */
	resolvedAt: IsoDateTime | null;
	/** Columns a later server version adds are kept as they came. */
	[column: string]: unknown;
}

export interface MetaEntry {
	key: string;
	value: unknown;
}

/**
 * Where a file is on its way to the server (src/lib/sync/uploads.ts, docs/files.md): pending
 * (waiting for its row to be pushed, or for the network), uploading (a request was sent; after a
 * reload it is sent again to the same path, never a second object), uploaded, failed (the server
 * refused it for good: `error` says why), remote (a copy of someone else's file, downloaded to show it).
 */
export type UploadStatus = 'pending' | 'uploading' | 'uploaded' | 'failed' | 'remote';

/**
 * A photo or file kept on the device (evidence for a plan action, an activity, an observation).
 * The upload fields (schema v10) are absent on rows stored before, restored from a backup or
 * moved from guest mode: the upload queue takes those up as pending.
 */
export interface Attachment {
	id: Id;
	ownerTable: SyncedTable;
	ownerId: Id;
	name: string;
	mime: string;
	size: number;
	/** Empty for a tombstone. */
	blob: Blob;
	createdAt: IsoDateTime;
	/** The teacher the file is about: the first folder of its object path. */
	teacherId?: Id | null;
	/** `{teacherId}/{ownerTable}/{ownerId}/{id}` in the bucket 'evidence', once known. */
	storagePath?: string | null;
	uploadStatus?: UploadStatus;
	/** Upload or removal requests sent so far. */
	attempts?: number;
	/** Why the last attempt failed: a code the UI translates (too_large, unsupported_type, forbidden, offline, server). */
	error?: string | null;
	/** Removed on this device (the evidence or its row was deleted): the server's object is still to be removed. */
	deletedAt?: IsoDateTime | null;
}

/**
 * Every schema version, oldest first. A version is never edited once released: a change is a new
 * entry with an upgrade function, and `database.spec.ts` opens the previous version with data and a
 * non-empty outbox, upgrades, and checks that nothing was lost.
 */
export const SCHEMA_VERSIONS: {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
	{
		version: 1,
		stores: {
			organizations: 'id, parentId, kind',
			memberships: 'id, profileId, organizationId',
			profiles: 'id, userId, schoolId, email',
			frameworks: 'id, code',
			assessments: 'id, teacherId, status',
			deficits: 'id, teacherId, status',
			development_plans: 'id, teacherId',
			plan_actions: 'id, planId, teacherId, deficitId',
			activities: 'id, teacherId, kind, startDate',
			mentoring_pairs: 'id, mentorId, menteeId, schoolId',
			mentoring_sessions: 'id, pairId, mentorId, menteeId',
			observations: 'id, teacherId, observerId',
			comments: 'id, [targetTable+targetId], authorId',
			outbox: 'seq, &mutationId, [table+rowId], status',
			meta: 'key'
		}
	},
	{
		// v2: evidence photos stay on the device; per-year lookups for assessments and plans.
		version: 2,
		stores: {
			assessments: 'id, teacherId, status, [teacherId+academicYear]',
			development_plans: 'id, teacherId, [teacherId+academicYear]',
			attachments: 'id, ownerId'
		},
		// v1 drafts had no resume point; start them at the first competency.
		upgrade: (tx) => addFields(tx, 'assessments', { currentCompetencyId: null })
	},
	{
		// v3: sync — fields the server overwrote, for the user to review. Outbox entries gain the
		// 'sending' status and optional fields only, so they need no upgrade.
		version: 3,
		stores: {
			sync_conflicts: 'id, [tableName+rowId], createdAt'
		}
	},
	{
		// v4: profiles gain `birthDate` (the staff import). Fields are never absent, and an edit
		// validates the whole row, so older rows get null rather than failing their next update.
		version: 4,
		stores: {},
		upgrade: (tx) => addFields(tx, 'profiles', { birthDate: null })
	},
	{
		// v5: addressed recommendations, and the indicators' planned values as a synced table.
		// Targets set before were kept in meta 'reports.targets' on this device only: they become
		// rows with outbox entries (as if set now), so they reach the server once, and the meta key goes.
		version: 5,
		stores: {
			indicator_targets: 'id, [organizationId+academicYear+code], organizationId',
			recommendations: 'id, organizationId, teacherId, authorId'
		},
		upgrade: async (tx) => {
			const stored = await tx.table('meta').get(LEGACY_TARGETS_KEY);
			const legacy = Array.isArray(stored?.value) ? (stored.value as Record<string, unknown>[]) : [];
			const counter = await tx.table('meta').get('outbox.nextSeq');
			let seq = typeof counter?.value === 'number' ? counter.value : 1;
			const now = nowIso();
			for (const t of legacy) {
				if (
					t.deletedAt ||
					typeof t.organizationId !== 'string' ||
					typeof t.academicYear !== 'number' ||
					typeof t.code !== 'string' ||
					typeof t.value !== 'number'
				)
					continue;
				const id = targetId(t.organizationId, t.academicYear, t.code as IndicatorTarget['code']);
				const fields = { organizationId: t.organizationId, academicYear: t.academicYear, code: t.code, value: t.value };
				await tx
					.table('indicator_targets')
					.put({ id, version: 0, updatedAt: now, updatedBy: null, deletedAt: null, ...fields });
				await tx.table('outbox').add({
					seq: seq++,
					mutationId: newId(),
					table: 'indicator_targets',
					rowId: id,
					op: 'upsert',
					fields,
					base: {},
					createdAt: now,
					status: 'pending',
					reason: null
				});
			}
			if (legacy.length) await tx.table('meta').put({ key: 'outbox.nextSeq', value: seq });
			await tx.table('meta').delete(LEGACY_TARGETS_KEY);
		}
	},
	{
		// v6: a стаж is kept with the date it was true on (profiles' `experienceAsOf`), and an
		// organisation may name its time zone (`timeZone`, null: the parent's). Fields are never
		// absent, so older rows get them here: the стаж as of the day the row was last written (the
		// server's backfill says the same, in the school's zone; the next pull brings its value),
		// and no zone of its own.
		version: 6,
		stores: {},
		upgrade: async (tx) => {
			await tx
				.table('profiles')
				.toCollection()
				.modify((row: Record<string, unknown>) => {
					if ('experienceAsOf' in row) return;
					const written = typeof row.updatedAt === 'string' ? new Date(row.updatedAt) : null;
					row.experienceAsOf = written && !Number.isNaN(written.getTime()) ? localDate(written) : null;
				});
			await addFields(tx, 'organizations', { timeZone: null });
		}
	},
	{
		// v7: a session names the planned meeting it fulfils (`plannedMeeting`), an activity the ИОМ
		// action it records (`planActionId`, looked up from the action's card). Older rows said
		// neither: null, which for a session means «matched by date», as before.
		version: 7,
		stores: {
			activities: 'id, teacherId, kind, startDate, planActionId'
		},
		upgrade: async (tx) => {
			await addFields(tx, 'mentoring_sessions', { plannedMeeting: null });
			await addFields(tx, 'activities', { planActionId: null });
		}
	},
	{
		// v8 (the administrator's console): an organisation may be closed and carry monitoring
		// windows; a framework version is a draft or published, from an academic year. Older rows
		// are open, without windows, and published for every year (row-schemas.ts withAddedFields).
		version: 8,
		stores: {},
		upgrade: async (tx) => {
			await addFields(tx, 'organizations', { closedOn: null, monitoring: {} });
			await addFields(tx, 'frameworks', { status: 'published', academicYear: null, publishedAt: null });
		}
	},
	{
		// v9: согласование ИОМ. A plan already signed was approved, sent when it was signed.
		version: 9,
		stores: {},
		upgrade: async (tx) => {
			await tx
				.table('development_plans')
				.toCollection()
				.modify((row: Record<string, unknown>) => {
					if ('approvalStatus' in row) return;
					const at = row.approvedBy ? row.approvedAt : null;
					Object.assign(row, {
						approvalStatus: at ? 'approved' : 'not_submitted',
						approvalComment: '',
						submittedAt: at ?? null,
						approverName: ''
					});
				});
			await addFields(tx, 'organizations', { mentorsApprovePlans: false });
		}
	},
	// v10: evidence files upload to Storage from their own queue (sync/uploads.ts).
	{ version: 10, stores: { attachments: 'id, ownerId, uploadStatus' } }
];

/** Give every stored row of `table` the fields it lacks, with these values (fields are never absent). */
async function addFields(tx: Transaction, table: string, defaults: Record<string, unknown>): Promise<void> {
	await tx
		.table(table)
		.toCollection()
		.modify((row: Record<string, unknown>) => {
			for (const [field, value] of Object.entries(defaults)) if (!(field in row)) row[field] = value;
		});
}

/** The device's calendar date of a moment ('YYYY-MM-DD'). */
function localDate(at: Date): string {
	return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/** Where targets were kept on the device before schema v5 (read once, by the v5 upgrade). */
export const LEGACY_TARGETS_KEY = 'reports.targets';

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** Declare versions up to `upTo` on a Dexie instance (the upgrade test opens an older one). */
export function declareVersions(db: Dexie, upTo = CURRENT_SCHEMA_VERSION): void {
	for (const v of SCHEMA_VERSIONS) {
		if (v.version > upTo) break;
		const version = db.version(v.version).stores(v.stores);
		if (v.upgrade) version.upgrade(v.upgrade);
	}
}

export class AppDatabase extends Dexie {
	declare organizations: Table<Organization, Id>;
	declare memberships: Table<Membership, Id>;
	declare profiles: Table<Profile, Id>;
	declare frameworks: Table<Framework, Id>;
	declare assessments: Table<Assessment, Id>;
	declare deficits: Table<Deficit, Id>;
	declare development_plans: Table<DevelopmentPlan, Id>;
	declare plan_actions: Table<PlanAction, Id>;
	declare activities: Table<Activity, Id>;
	declare mentoring_pairs: Table<MentoringPair, Id>;
	declare mentoring_sessions: Table<MentoringSession, Id>;
	declare observations: Table<Observation, Id>;
	declare comments: Table<Comment, Id>;
	declare indicator_targets: Table<IndicatorTarget, Id>;
	declare recommendations: Table<Recommendation, Id>;
	declare outbox: Table<OutboxEntry, number>;
	declare meta: Table<MetaEntry, string>;
	declare attachments: Table<Attachment, Id>;
	declare sync_conflicts: Table<SyncConflict, Id>;

	constructor(name: string) {
		super(name);
		declareVersions(this);
		// Dexie's own handler closes on a versionchange but lets the next write open the database
		// again: a tab holding a database another tab just deleted (its owner signed out with «Удалить
		// с устройства») would re-create it with whatever it writes next. When the database is being
		// deleted or taken over (closeEverywhere), it closes for good instead, and every later read or
		// write fails with DatabaseClosedError (a 'closed' LocalWriteError). A real schema upgrade by a
		// newer version of the app (a multiple of 10) keeps Dexie's behaviour.
		this.on('versionchange', (event: IDBVersionChangeEvent) => {
			if (event.newVersion !== null && event.newVersion % 10 === 0) return;
			this.close({ disableAutoOpen: true });
			return false;
		});
	}

	/**
	 * Run `scope` outside whatever transaction the caller is in (Dexie.ignoreTransaction): a lookup
	 * made from inside a write must not hold that write's transaction open. A method, so that the
	 * session, which loads Dexie only after the first screen, need not import it.
	 */
	outsideTransaction<T>(scope: () => Promise<T>): Promise<T> {
		return Dexie.ignoreTransaction(scope);
	}

	synced<K extends SyncedTable>(table: K): Table<SyncedTables[K], Id> {
		return this.table(table) as Table<SyncedTables[K], Id>;
	}
}

export { GUEST_DATABASE, databaseNameFor } from './names';

export function isSyncedRow(value: unknown): value is SyncedRow {
	return !!value && typeof value === 'object' && typeof (value as SyncedRow).id === 'string';
}
