import * as backup from '$lib/db/backup';
import type { AppDatabase } from '$lib/db/database';
import type { MessageKey } from '$lib/i18n/catalog';
import { today } from '$lib/session/clock';

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

export async function restore(db: AppDatabase, file: File): Promise<backup.ImportSummary> {
	return backup.importBackup(db, backup.parse(await file.text()));
}
