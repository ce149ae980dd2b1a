import * as backup from '$lib/db/backup';
import type { AppDatabase } from '$lib/db/database';
import type { MessageKey } from '$lib/i18n/catalog';
import { today } from '$lib/session/clock';
import type { Session } from '$lib/session/session.svelte';

/** Save everything local as a JSON file through the browser's download. */
export async function download(db: AppDatabase): Promise<void> {
	const text = backup.serialize(await backup.exportAll(db));
	const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
	const a = document.createElement('a');
	a.href = url;
	a.download = `trajectory-backup-${today()}.json`;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const PROBLEM_MESSAGE: Record<backup.BackupProblem, MessageKey> = {
	'not-json': 'settings.backupNotJson',
	'not-a-backup': 'settings.backupNotOurs',
	'newer-version': 'settings.backupNewer',
	corrupt: 'settings.backupCorrupt'
};

/**
 * Merge a chosen file into the session's data; whose rows it may bring follows the session's mode
 * (see importBackup). A guest device that had no profile acts as the file's person from now on.
 */
export async function restore(session: Session, file: File): Promise<backup.ImportSummary> {
	if (!session.db) throw new Error('No database is open');
	const summary = await backup.importBackup(session.db, backup.parse(await file.text()), { mode: session.mode });
	if (summary.adoptedProfileId && session.mode === 'guest' && !session.profileId)
		await session.setProfile(summary.adoptedProfileId);
	return summary;
}

export const REFUSAL_MESSAGE: Record<backup.RefusalReason, MessageKey> = {
	invalid: 'settings.refusedInvalid',
	'not-yours': 'settings.refusedNotYours',
	shared: 'settings.refusedShared',
	'unknown-person': 'settings.refusedUnknownPerson'
};

export type RefusedTable = backup.ImportRefusal['table'];
export const TABLE_NAME: Record<RefusedTable, MessageKey> = {
	organizations: 'settings.tableOrganizations',
	memberships: 'settings.tableMemberships',
	profiles: 'settings.tableProfiles',
	frameworks: 'settings.tableFrameworks',
	assessments: 'settings.tableAssessments',
	deficits: 'settings.tableDeficits',
	development_plans: 'settings.tablePlans',
	plan_actions: 'settings.tableActions',
	activities: 'settings.tableActivities',
	mentoring_pairs: 'settings.tablePairs',
	mentoring_sessions: 'settings.tableSessions',
	observations: 'settings.tableObservations',
	comments: 'settings.tableComments',
	indicator_targets: 'settings.tableTargets',
	recommendations: 'settings.tableRecommendations',
	attachments: 'settings.tableAttachments'
};

export interface RefusalGroup {
	reason: backup.RefusalReason;
	count: number;
	/** How many of each kind of record, most first. */
	tables: { table: RefusedTable; count: number }[];
}

/** The report of what an import refused: one group per reason, in a fixed order. */
export function refusalGroups(refused: readonly backup.ImportRefusal[]): RefusalGroup[] {
	return backup.REFUSAL_REASONS.flatMap((reason) => {
		const of = refused.filter((r) => r.reason === reason);
		if (!of.length) return [];
		const counts = new Map<RefusedTable, number>();
		for (const r of of) counts.set(r.table, (counts.get(r.table) ?? 0) + 1);
		const tables = [...counts].map(([table, count]) => ({ table, count })).sort((a, b) => b.count - a.count);
		return [{ reason, count: of.length, tables }];
	});
}
