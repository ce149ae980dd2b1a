// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ProfileForm from './ProfileForm.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { buildOrganization, buildProfile } from '$lib/domain/testing/builders';
import * as profiles from '$lib/db/profiles';
import type { Profile } from '$lib/domain/profile';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';
import * as meta from '$lib/db/meta';
import { today } from '$lib/session/clock';

beforeAll(() => i18n.ensure('teacher', 'portfolio'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const school = buildOrganization({ id: '00000000-0000-4000-8000-0000000005c1', kind: 'school', name: 'МБОУ СОШ № 1' });
const shmo = buildOrganization({
	id: '00000000-0000-4000-8000-0000000005c2',
	kind: 'methodical_association',
	name: 'ШМО учителей математики',
	parentId: school.id,
	lowResults: false,
	adverseConditions: false,
	program500: false
});

function mount(profile: Profile | null = null, db = freshDatabase('profile'), mode: 'guest' | 'account' = 'guest') {
	dbs.push(db);
	const session = new Session();
	session.db = db;
	session.mode = mode;
	const view = render(ProfileForm, {
		props: { db, profile, schools: [school], associations: [shmo] },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, new Notices()]
		])
	});
	return { db, session, view };
}

/** A guest teacher's stored profile (no account), as the device holds it. */
async function stored(overrides: Partial<Profile> = {}): Promise<{ db: AppDatabase; profile: Profile }> {
	const db = freshDatabase('profile');
	const {
		id: _i,
		version: _v,
		updatedAt: _u,
		updatedBy: _b,
		deletedAt: _d,
		...draft
	} = buildProfile({ userId: null, schoolId: school.id, experienceYears: 7, ...overrides });
	const profile = await profiles.create(db, draft, { profileId: null });
	return { db, profile };
}

const save = () => fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

describe('the profile form', () => {
	it('says in Russian what is wrong next to each field and writes nothing', async () => {
		const { db } = mount();
		await fireEvent.input(screen.getByLabelText(/Педагогический стаж/), { target: { value: 'пять' } });
		await fireEvent.input(screen.getByLabelText(/Год рождения/), { target: { value: '1890' } });
		await fireEvent.change(screen.getByLabelText('Квалификационная категория'), { target: { value: 'first' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		expect(screen.getByLabelText(/ФИО/)).toHaveAccessibleDescription(/Заполните поле/);
		expect(screen.getByLabelText(/Педагогический стаж/)).toHaveAccessibleDescription('Введите число');
		expect(screen.getByLabelText(/Год рождения/)).toHaveAccessibleDescription('Значение от 1940 до 2010');
		// An unknown expiry is allowed (it counts as valid): the field says so instead of refusing.
		expect(screen.getByLabelText(/Категория действует до/)).toHaveAccessibleDescription(
			'Если срок неизвестен, оставьте поле пустым'
		);
		expect(await db.profiles.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('creates the profile, makes it the guest’s, and derives the young specialist from стаж', async () => {
		const { db, session } = mount();
		await fireEvent.input(screen.getByLabelText(/ФИО/), { target: { value: '  Белова   Дарья Сергеевна ' } });
		await fireEvent.change(screen.getByLabelText('Образовательная организация'), { target: { value: school.id } });
		await waitFor(() => screen.getByLabelText('Методическое объединение (ШМО)'));
		await fireEvent.change(screen.getByLabelText('Методическое объединение (ШМО)'), { target: { value: shmo.id } });
		await fireEvent.input(screen.getByLabelText(/Педагогический стаж/), { target: { value: '1' } });
		await fireEvent.input(screen.getByLabelText(/Год рождения/), { target: { value: '2001' } });
		await fireEvent.input(screen.getByLabelText(/Преподаваемые предметы/), {
			target: { value: 'информатика, математика' }
		});
		expect(screen.getByText(/вы молодой специалист/)).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () => expect(await db.profiles.count()).toBe(1));
		const [row] = await db.profiles.toArray();
		expect(row).toMatchObject({
			fullName: 'Белова Дарья Сергеевна',
			schoolId: school.id,
			associationId: shmo.id,
			experienceYears: 1,
			birthYear: 2001,
			subjects: ['информатика', 'математика'],
			category: 'none',
			categoryExpiresOn: null
		});
		expect(session.profileId).toBe(row!.id);
		expect(await meta.get(db, meta.GUEST_PROFILE)).toBe(row!.id);
	});

	it('shows what was saved after «Сохранить», and a later save of another field keeps it (стаж 7 → 4 stays 4)', async () => {
		const { db, profile } = await stored();
		mount(profile, db);
		await fireEvent.input(screen.getByLabelText(/Педагогический стаж/), { target: { value: '4' } });
		await save();
		await waitFor(async () => expect((await profiles.get(db, profile.id))?.experienceYears).toBe(4));
		await waitFor(() => expect(screen.getByLabelText(/Педагогический стаж/)).toHaveValue('4'));
		expect(screen.getByLabelText(/ФИО/)).toHaveValue(profile.fullName);

		await fireEvent.input(screen.getByLabelText(/Должность/), { target: { value: 'учитель физики' } });
		await save();
		await waitFor(async () => expect((await profiles.get(db, profile.id))?.position).toBe('учитель физики'));
		expect((await profiles.get(db, profile.id))?.experienceYears).toBe(4);
	});

	it('sends only the fields the teacher changed: a change that arrived meanwhile is not written back', async () => {
		const { db, profile } = await stored({ category: 'first', categoryExpiresOn: '2029-04-30' });
		const { view } = mount(profile, db);
		await fireEvent.input(screen.getByLabelText(/Должность/), { target: { value: 'учитель физики' } });
		// A sync brings the methodist's change of her category while she types.
		const synced = {
			...profile,
			category: 'highest' as const,
			categoryExpiresOn: '2031-05-31',
			version: profile.version + 1
		};
		await db.profiles.put(synced);
		await view.rerender({ db, profile: synced, schools: [school], associations: [shmo] });
		await waitFor(() => expect(screen.getByLabelText('Квалификационная категория')).toHaveValue('highest'));
		expect(screen.getByLabelText(/Должность/)).toHaveValue('учитель физики');
		await save();
		await waitFor(async () => expect((await profiles.get(db, profile.id))?.position).toBe('учитель физики'));
		expect(await profiles.get(db, profile.id)).toMatchObject({ category: 'highest', categoryExpiresOn: '2031-05-31' });
	});

	it('does not bring back a draft’s stale fields over a newer profile', async () => {
		const { db, profile } = await stored({ category: 'first', categoryExpiresOn: '2029-04-30' });
		const first = mount(profile, db);
		await fireEvent.input(screen.getByLabelText(/Должность/), { target: { value: 'учитель физики' } });
		await waitFor(async () => expect(await db.meta.where('key').startsWith('form:profile:').count()).toBe(1));
		first.view.unmount();
		const synced = {
			...profile,
			category: 'highest' as const,
			categoryExpiresOn: '2031-05-31',
			version: profile.version + 1
		};
		await db.profiles.put(synced);

		mount(synced, db);
		await waitFor(() => expect(screen.getByLabelText(/Должность/)).toHaveValue('учитель физики'));
		expect(screen.getByLabelText('Квалификационная категория')).toHaveValue('highest');
	});

	it('does not let a teacher with an account move herself to another school: the school is shown, not chosen', async () => {
		const other = buildOrganization({
			id: '00000000-0000-4000-8000-0000000005c3',
			kind: 'school',
			name: 'МБОУ СОШ № 2'
		});
		const { db, profile } = await stored({ userId: '00000000-0000-4000-8000-0000000001a1' });
		await db.outbox.clear(); // the profile came from the server
		dbs.push(db);
		const session = new Session();
		session.db = db;
		session.mode = 'account';
		render(ProfileForm, {
			props: { db, profile, schools: [school, other], associations: [shmo] },
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});
		expect(screen.queryByRole('combobox', { name: 'Образовательная организация' })).toBeNull();
		expect(screen.getByTestId('profile-school')).toHaveTextContent('МБОУ СОШ № 1');
		expect(screen.getByText(/Школу указывает методист школы или администратор/)).toBeInTheDocument();
		await fireEvent.input(screen.getByLabelText(/Должность/), { target: { value: 'учитель физики' } });
		await save();
		await waitFor(async () => expect((await profiles.get(db, profile.id))?.position).toBe('учитель физики'));
		expect((await profiles.get(db, profile.id))?.schoolId).toBe(school.id);
		const sent = (await db.outbox.toArray()).map((e) => Object.keys(e.fields ?? {}));
		expect(sent.flat()).not.toContain('schoolId');
	});

	it('shows a стаж recorded years ago as it is today, and records a corrected one as of today', async () => {
		const { db, profile } = await stored({ experienceYears: 4, experienceAsOf: '2020-09-01' });
		mount(profile, db);
		const years = 4 + experienceYearsSince('2020-09-01');
		await waitFor(() => expect(screen.getByLabelText(/Педагогический стаж/)).toHaveValue(String(years)));

		await fireEvent.input(screen.getByLabelText(/Должность/), { target: { value: 'учитель физики' } });
		await save();
		await waitFor(async () => expect((await profiles.get(db, profile.id))?.position).toBe('учитель физики'));
		expect(await profiles.get(db, profile.id)).toMatchObject({ experienceYears: 4, experienceAsOf: '2020-09-01' });

		await fireEvent.input(screen.getByLabelText(/Педагогический стаж/), { target: { value: String(years + 1) } });
		await save();
		await waitFor(async () => expect((await profiles.get(db, profile.id))?.experienceYears).toBe(years + 1));
		expect((await profiles.get(db, profile.id))?.experienceAsOf).toBe(today());
	});
});

/** Full years from `from` to today. */
function experienceYearsSince(from: string): number {
	const now = today();
	const years = Number(now.slice(0, 4)) - Number(from.slice(0, 4));
	return now.slice(5) >= from.slice(5) ? years : years - 1;
}
