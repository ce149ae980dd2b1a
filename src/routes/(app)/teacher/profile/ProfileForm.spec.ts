// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ProfileForm from './ProfileForm.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { buildOrganization } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';
import * as meta from '$lib/db/meta';

beforeAll(() => i18n.ensure('teacher', 'portfolio'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const school = buildOrganization({ id: '00000000-0000-4000-8000-0000000005c1', kind: 'school', name: 'МБОУ СОШ № 1' });
const shmo = buildOrganization({ id: '00000000-0000-4000-8000-0000000005c2', kind: 'methodical_association', name: 'ШМО учителей математики', parentId: school.id, lowResults: false, adverseConditions: false, program500: false });

function mount() {
	const db = freshDatabase('profile');
	dbs.push(db);
	const session = new Session();
	session.db = db;
	render(ProfileForm, {
		props: { db, profile: null, schools: [school], associations: [shmo] },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, new Notices()]
		])
	});
	return { db, session };
}

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
		expect(screen.getByLabelText(/Категория действует до/)).toHaveAccessibleDescription('Заполните поле');
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
		await fireEvent.input(screen.getByLabelText(/Преподаваемые предметы/), { target: { value: 'информатика, математика' } });
		expect(screen.getByText(/вы молодой специалист/)).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () => expect(await db.profiles.count()).toBe(1));
		const [row] = await db.profiles.toArray();
		expect(row).toMatchObject({ fullName: 'Белова Дарья Сергеевна', schoolId: school.id, associationId: shmo.id, experienceYears: 1, birthYear: 2001, subjects: ['информатика', 'математика'], category: 'none', categoryExpiresOn: null });
		expect(session.profileId).toBe(row!.id);
		expect(await meta.get(db, meta.GUEST_PROFILE)).toBe(row!.id);
	});
});
