import { afterEach, describe, expect, it } from 'vitest';
import { buildMembership, buildPair, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as rows from '$lib/db/rows';
import { diff, purgeProfiles } from './scope';

const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('scope');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

const ME = IDS.methodist;
const GONE = uuid(121);
const ALSO_GONE = uuid(122);
const STILL = uuid(123);
const OTHER_SCHOOL = uuid(220);

describe('diff', () => {
	it('tells ids that went from ids that came', () => {
		expect(diff(['a', 'b'], ['b', 'c'])).toEqual({ gone: ['a'], added: ['c'] });
	});
});

describe('purging profiles', () => {
	/** A methodist's device: her own school membership, and people of two schools. */
	async function device() {
		const db = open();
		await db.profiles.bulkPut([
			buildProfile({ id: ME }),
			buildProfile({ id: GONE }),
			buildProfile({ id: ALSO_GONE }),
			buildProfile({ id: STILL })
		]);
		const mine = buildMembership({
			id: uuid(1010),
			profileId: ME,
			role: 'school_methodist',
			organizationId: IDS.school
		});
		const gones = buildMembership({ id: uuid(1011), profileId: GONE, organizationId: OTHER_SCHOOL });
		const stills = buildMembership({ id: uuid(1012), profileId: STILL });
		await db.memberships.bulkPut([mine, gones, stills]);
		// Both people gone, in a school she is not the methodist of: she has no part in it.
		const foreign = buildPair({ id: uuid(711), schoolId: OTHER_SCHOOL, mentorId: GONE, menteeId: ALSO_GONE });
		// One side still readable.
		const half = buildPair({ id: uuid(712), schoolId: OTHER_SCHOOL, mentorId: GONE, menteeId: STILL });
		// In her school: she still reads it as its methodist.
		const ofMySchool = buildPair({ id: uuid(713), schoolId: IDS.school, mentorId: GONE, menteeId: ALSO_GONE });
		await db.mentoring_pairs.bulkPut([foreign, half, ofMySchool]);
		return { db, mine, gones, stills, foreign, half, ofMySchool };
	}

	it('drops profiles no longer readable, their memberships and pairs the user has no part in', async () => {
		const d = await device();

		const summary = await d.db.transaction(
			'rw',
			[d.db.profiles, d.db.memberships, d.db.mentoring_pairs, d.db.outbox],
			() => purgeProfiles(d.db, new Set([STILL]), [], ME)
		);

		expect(summary).toEqual({ purged: 4, kept: [], left: [] });
		expect((await d.db.profiles.toArray()).map((p) => p.id).sort()).toEqual([ME, STILL].sort());
		expect((await d.db.memberships.toArray()).map((m) => m.id).sort()).toEqual([d.mine.id, d.stills.id].sort());
		expect((await d.db.mentoring_pairs.toArray()).map((p) => p.id).sort()).toEqual([d.half.id, d.ofMySchool.id].sort());
	});

	it('keeps the user’s own profile even when the server does not list it', async () => {
		const d = await device();

		await purgeProfiles(d.db, new Set([GONE, ALSO_GONE, STILL]), [], ME);

		expect(await d.db.profiles.get(ME)).toBeDefined();
		expect(await d.db.memberships.get(d.mine.id)).toBeDefined();
	});

	it('keeps rows with changes queued and names their profile, then drops them once nothing is queued', async () => {
		const d = await device();
		await rows.update(d.db, 'memberships', d.gones.id, { role: 'mentor' }, { profileId: ME });

		const first = await purgeProfiles(d.db, new Set([STILL]), [], ME);

		expect(first.kept).toEqual([{ table: 'memberships', id: d.gones.id }]);
		expect(first.left).toEqual([GONE]);
		expect(await d.db.profiles.get(GONE)).toBeUndefined();
		expect(await d.db.memberships.get(d.gones.id)).toBeDefined();

		await d.db.outbox.clear();
		const again = await purgeProfiles(d.db, new Set([STILL]), first.left, ME);
		expect(again).toEqual({ purged: 1, kept: [], left: [] });
		expect(await d.db.memberships.get(d.gones.id)).toBeUndefined();
	});

	it('leaves every pair to an administrator', async () => {
		const d = await device();
		await d.db.memberships.put(
			buildMembership({ id: uuid(1013), profileId: ME, role: 'admin', organizationId: IDS.municipality })
		);

		await purgeProfiles(d.db, new Set([STILL]), [], ME);

		expect(await d.db.mentoring_pairs.count()).toBe(3);
	});
});
