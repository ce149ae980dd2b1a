import { afterEach, describe, expect, it } from 'vitest';
import * as attachments from '$lib/db/attachments';
import type { AppDatabase } from '$lib/db/database';
import { freshDatabase } from '$lib/db/testing/fresh';
import { IDS, buildAction } from '$lib/domain/testing/builders';
import { readCounts } from './status';
import { FileTransportError, fetchRemote, runUploads, type FileFailure, type FileTransport } from './uploads';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

/**
 * Storage as the bucket behaves: one object per path, never overwritten (a second upload to a
 * taken path is «already exists», which the app's transport reports as uploaded). `lose` makes
 * the next upload reach the server but lose its answer; `fail` refuses the next call.
 */
class FakeStorage implements FileTransport {
	objects = new Map<string, Uint8Array>();
	requests: string[] = [];
	lose = 0;
	fail: FileFailure | null = null;

	async upload(path: string, blob: Blob): Promise<'uploaded'> {
		this.requests.push(`PUT ${path}`);
		if (this.fail) throw new FileTransportError(this.fail, this.fail);
		if (!this.objects.has(path)) this.objects.set(path, new Uint8Array(await blob.arrayBuffer()));
		if (this.lose > 0) {
			this.lose--;
			throw new FileTransportError('offline', 'Failed to fetch');
		}
		return 'uploaded';
	}
	async remove(path: string): Promise<void> {
		this.requests.push(`DELETE ${path}`);
		if (this.fail) throw new FileTransportError(this.fail, this.fail);
		this.objects.delete(path);
	}
	async download(path: string): Promise<Blob> {
		this.requests.push(`GET ${path}`);
		const bytes = this.objects.get(path);
		if (!bytes) throw new FileTransportError('not_found', 'Object not found');
		return new Blob([bytes as BlobPart], { type: 'image/jpeg' });
	}
}

const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

async function setup(options: { pushed?: boolean } = {}) {
	const db = freshDatabase('uploads');
	dbs.push(db);
	await db.plan_actions.put(buildAction());
	if (options.pushed === false)
		await db.outbox.add({
			seq: 1,
			mutationId: 'm-1',
			table: 'plan_actions',
			rowId: IDS.action,
			op: 'upsert',
			fields: {},
			base: {},
			createdAt: '2026-12-01T10:00:00.000Z',
			status: 'pending',
			reason: null
		});
	const file = await attachments.save(db, {
		ownerTable: 'plan_actions',
		ownerId: IDS.action,
		name: 'certificate.jpg',
		blob: new Blob([PHOTO], { type: 'image/jpeg' })
	});
	const path = `${IDS.teacher}/plan_actions/${IDS.action}/${file.id}`;
	return { db, file, path, storage: new FakeStorage() };
}

describe('the upload queue', () => {
	it('waits while the row is still in the outbox, then sends the file once to its path', async () => {
		const { db, file, path, storage } = await setup({ pushed: false });
		expect(await runUploads(db, storage)).toMatchObject({ uploaded: 0, waiting: 1 });
		expect(storage.requests).toEqual([]);
		expect((await readCounts(db)).files).toBe(1);

		await db.outbox.clear();
		expect(await runUploads(db, storage)).toMatchObject({ uploaded: 1, waiting: 0 });
		expect([...storage.objects.keys()]).toEqual([path]);
		expect(storage.objects.get(path)).toEqual(PHOTO);
		expect(await db.attachments.get(file.id)).toMatchObject({
			uploadStatus: 'uploaded',
			storagePath: path,
			attempts: 1
		});
		expect((await readCounts(db)).files).toBe(0);

		await runUploads(db, storage);
		expect(storage.requests).toEqual([`PUT ${path}`]);
	});

	it('an answer lost after the server stored the file: sent again to the same path, still one object', async () => {
		const { db, file, path, storage } = await setup();
		storage.lose = 1;
		expect(await runUploads(db, storage)).toMatchObject({ uploaded: 0, waiting: 1 });
		expect(await db.attachments.get(file.id)).toMatchObject({ uploadStatus: 'pending', error: 'offline', attempts: 1 });
		expect((await readCounts(db)).files).toBe(1);

		expect(await runUploads(db, storage)).toMatchObject({ uploaded: 1 });
		expect(storage.objects.size).toBe(1);
		expect(storage.requests).toEqual([`PUT ${path}`, `PUT ${path}`]);
		expect(await db.attachments.get(file.id)).toMatchObject({ uploadStatus: 'uploaded', attempts: 2, error: null });
	});

	it('a reload during an upload (left «uploading») sends it again on the next run', async () => {
		const { db, file, path, storage } = await setup();
		await db.attachments.update(file.id, { uploadStatus: 'uploading', attempts: 1 });
		storage.objects.set(path, PHOTO);
		expect((await readCounts(db)).files).toBe(1);
		expect(await runUploads(db, storage)).toMatchObject({ uploaded: 1 });
		expect(storage.objects.size).toBe(1);
		expect(await db.attachments.get(file.id)).toMatchObject({ uploadStatus: 'uploaded', attempts: 2 });
	});

	it("the server's refusal is final and kept with its reason; the network's is not", async () => {
		const { db, file, storage } = await setup();
		storage.fail = 'server';
		await runUploads(db, storage);
		expect(await db.attachments.get(file.id)).toMatchObject({ uploadStatus: 'pending', error: 'server' });
		storage.fail = 'too_large';
		expect(await runUploads(db, storage)).toMatchObject({ failed: 1 });
		expect(await db.attachments.get(file.id)).toMatchObject({ uploadStatus: 'failed', error: 'too_large' });
		expect(await readCounts(db)).toMatchObject({ files: 0, filesFailed: 1 });
		storage.fail = null;
		await runUploads(db, storage);
		expect(storage.objects.size).toBe(0);
	});

	it('stops at the first network failure and leaves the rest waiting', async () => {
		const { db, storage } = await setup();
		await attachments.save(db, {
			ownerTable: 'plan_actions',
			ownerId: IDS.action,
			name: 'b.jpg',
			blob: new Blob(['b'], { type: 'image/jpeg' })
		});
		storage.fail = 'offline';
		expect(await runUploads(db, storage)).toMatchObject({ uploaded: 0, waiting: 2 });
		expect(storage.requests).toHaveLength(1);
		expect((await readCounts(db)).files).toBe(2);
	});
});

describe('removing a file', () => {
	it('that never left the device: gone at once, nothing to tell the server', async () => {
		const { db, file, storage } = await setup();
		await attachments.remove(db, file.id);
		expect(await db.attachments.count()).toBe(0);
		await runUploads(db, storage);
		expect(storage.requests).toEqual([]);
	});

	it('that was uploaded: a tombstone until the queue removes the object from the server', async () => {
		const { db, file, path, storage } = await setup();
		await runUploads(db, storage);
		await attachments.removeForOwner(db, IDS.action);
		expect(await attachments.get(db, file.id)).toBeUndefined();
		expect(await db.attachments.get(file.id)).toMatchObject({ size: 0, uploadStatus: 'pending' });
		expect((await readCounts(db)).files).toBe(0);
		expect(await runUploads(db, storage)).toMatchObject({ removed: 1 });
		expect(storage.objects.size).toBe(0);
		expect(storage.requests).toEqual([`PUT ${path}`, `DELETE ${path}`]);
		expect(await db.attachments.count()).toBe(0);
	});

	it('during its upload: the finished upload does not bring it back, and the object is removed', async () => {
		const { db, file, storage } = await setup();
		// The user deletes the evidence while its request is on the way.
		const racing: FileTransport = {
			upload: async (path, blob) => {
				await attachments.remove(db, file.id);
				return storage.upload(path, blob);
			},
			remove: (path) => storage.remove(path),
			download: (path) => storage.download(path)
		};
		await runUploads(db, racing);
		expect(await attachments.get(db, file.id)).toBeUndefined();
		expect(storage.objects.size).toBe(1);
		expect(await runUploads(db, storage)).toMatchObject({ removed: 1 });
		expect(storage.objects.size).toBe(0);
		expect(await db.attachments.count()).toBe(0);
	});
});

describe("a file of someone else's row", () => {
	it('is downloaded once when shown, kept for offline, and never uploaded from here', async () => {
		const { db: teacherDb, storage } = await setup();
		await runUploads(teacherDb, storage);
		const [uploaded] = await teacherDb.attachments.toArray();
		const mentorDb = freshDatabase('mentor');
		dbs.push(mentorDb);
		await mentorDb.plan_actions.put(buildAction());
		const ref = {
			ownerTable: 'plan_actions' as const,
			ownerId: IDS.action,
			teacherId: IDS.teacher,
			attachmentId: uploaded!.id
		};
		const first = await fetchRemote(mentorDb, storage, ref);
		expect(new Uint8Array(await first.blob.arrayBuffer())).toEqual(PHOTO);
		const again = await fetchRemote(mentorDb, storage, ref);
		expect(again.uploadStatus).toBe('remote');
		expect(storage.requests.filter((r) => r.startsWith('GET'))).toHaveLength(1);
		expect(await runUploads(mentorDb, storage)).toMatchObject({ uploaded: 0, waiting: 0 });
		expect((await readCounts(mentorDb)).files).toBe(0);
	});
});

describe('files stored before upload existed', () => {
	it('(schema < 10, a backup, guest mode) are taken up and uploaded', async () => {
		const db = freshDatabase('legacy');
		dbs.push(db);
		await db.plan_actions.put(buildAction());
		await db.attachments.put({
			id: IDS.deficit,
			ownerTable: 'plan_actions',
			ownerId: IDS.action,
			name: 'old.jpg',
			mime: 'image/jpeg',
			size: PHOTO.length,
			blob: new Blob([PHOTO], { type: 'image/jpeg' }),
			createdAt: '2026-11-01T10:00:00.000Z'
		});
		const storage = new FakeStorage();
		expect(await runUploads(db, storage)).toMatchObject({ uploaded: 1 });
		expect([...storage.objects.keys()]).toEqual([`${IDS.teacher}/plan_actions/${IDS.action}/${IDS.deficit}`]);
	});
});
