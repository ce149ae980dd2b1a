// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import GuestMoveOffer from './GuestMoveOffer.svelte';
import { AppDatabase, GUEST_DATABASE } from '$lib/db/database';
import * as guestMove from '$lib/db/guest-move';
import * as meta from '$lib/db/meta';
import * as rows from '$lib/db/rows';
import { freshDatabase } from '$lib/db/testing/fresh';
import { buildActivity, buildProfile, uuid } from '$lib/domain/testing/builders';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { Session } from '$lib/session/session.svelte';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('account'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const GUEST = uuid(5001);
const ME = uuid(6001);

const strip = <T extends object>(row: T) => {
	const {
		id: _id,
		version: _v,
		updatedAt: _u,
		updatedBy: _b,
		deletedAt: _d,
		...draft
	} = row as T & Record<string, unknown>;
	return draft;
};

/** A person just signed in on a device where a guest had filled a profile and logged a course. */
async function signedInAfterGuest(): Promise<{ session: Session; notices: Notices }> {
	const guest = new AppDatabase(GUEST_DATABASE);
	await rows.insert(
		guest,
		'profiles',
		{
			...strip(buildProfile({ userId: null, fullName: 'Гостева Галина Павловна', experienceYears: 12 })),
			id: GUEST
		} as never,
		{ profileId: GUEST }
	);
	await meta.set(guest, meta.GUEST_PROFILE, GUEST);
	await rows.insert(
		guest,
		'activities',
		{
			...strip(buildActivity({ teacherId: GUEST, title: 'Курсы ПК «Функциональная грамотность»' })),
			id: uuid(5002)
		} as never,
		{ profileId: GUEST }
	);
	guest.close();
	const db = freshDatabase('user');
	dbs.push(db);
	await db.profiles.put(buildProfile({ id: ME, userId: uuid(9001), fullName: 'Иванова Анна Сергеевна' }));
	await guestMove.handOver(db);
	return { session: account(db), notices: new Notices() };
}

function account(db: AppDatabase): Session {
	const session = new Session();
	session.mode = 'account';
	session.db = db;
	session.profileId = ME;
	return session;
}

function show(session: Session, notices = new Notices()) {
	render(GuestMoveOffer, { props: { session }, context: new Map([[NOTICES_KEY, notices]]) });
}

describe('the offer to move guest data', () => {
	it('says whose data it is and what would move before anything does', async () => {
		const { session } = await signedInAfterGuest();
		show(session);
		const card = await screen.findByRole('region', { name: 'Перенести данные гостя в учётную запись' });
		expect(within(card).getByTestId('guest-owner')).toHaveTextContent('под именем «Гостева Галина Павловна»');
		const items = within(card)
			.getAllByRole('listitem')
			.map((li) => li.textContent);
		expect(items).toEqual([
			'ответы профиля: должность, предметы, стаж, категория, образование, год рождения',
			'1 мероприятие (курсы, открытые уроки, конкурсы)'
		]);
		expect(card).toHaveTextContent('В том числе: «Курсы ПК «Функциональная грамотность»».');
		expect(card).toHaveTextContent('Если это не ваши данные, нажмите «Не переносить»');
		expect(await session.db!.activities.count()).toBe(0);
	});

	it('moves it into the account when asked, and is gone', async () => {
		const { session, notices } = await signedInAfterGuest();
		show(session, notices);
		await fireEvent.click(await screen.findByRole('button', { name: 'Перенести' }));
		await waitFor(() =>
			expect(screen.queryByRole('region', { name: 'Перенести данные гостя в учётную запись' })).toBeNull()
		);
		expect((await session.db!.activities.toArray()).map((a) => [a.teacherId, a.title])).toEqual([
			[ME, 'Курсы ПК «Функциональная грамотность»']
		]);
		expect(notices.items.map((n) => n.text)).toEqual(['Перенесено 2 записи']);
	});

	it('drops it from the device when the person says it is not theirs', async () => {
		const { session, notices } = await signedInAfterGuest();
		show(session, notices);
		await fireEvent.click(await screen.findByRole('button', { name: 'Не переносить' }));
		await waitFor(() =>
			expect(screen.queryByRole('region', { name: 'Перенести данные гостя в учётную запись' })).toBeNull()
		);
		expect(await guestMove.pending(session.db!)).toBeNull();
		expect(await session.db!.activities.count()).toBe(0);
		expect(notices.items.map((n) => n.text)).toEqual(['Данные гостя удалены с устройства']);
	});

	it('is not shown to a person who signed in after someone else took the guest work', async () => {
		await signedInAfterGuest();
		const later = freshDatabase('user');
		dbs.push(later);
		await guestMove.handOver(later);
		show(account(later));
		// Give the live query its turn.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(screen.queryByRole('region', { name: 'Перенести данные гостя в учётную запись' })).toBeNull();
	});
});
