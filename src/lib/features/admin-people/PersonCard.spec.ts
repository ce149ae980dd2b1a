// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import { ADMIN } from '$lib/domain/grants';
import { buildMembership, buildOrganization, buildProfile, uuid } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import PersonCard from './PersonCard.svelte';
import type { ServerState } from './server';

// The server stands in as supabase-js's rpc.
const rpc = vi.fn();
vi.mock('$lib/supabase/auth', () => ({ loadClient: async () => ({ rpc }), signInWithOtp: vi.fn() }));

const region = buildOrganization({ id: uuid(1), kind: 'region', name: 'Область', shortName: null, parentId: null });
const north = buildOrganization({
	id: uuid(2),
	kind: 'municipality',
	name: 'Северный округ',
	shortName: null,
	parentId: region.id
});
const school1 = buildOrganization({
	id: uuid(4),
	kind: 'school',
	name: 'СОШ № 1',
	shortName: null,
	parentId: north.id
});
const school2 = buildOrganization({
	id: uuid(5),
	kind: 'school',
	name: 'СОШ № 2',
	shortName: null,
	parentId: north.id
});
const ORGS = [region, north, school1, school2];
const person = buildProfile({ id: uuid(60), fullName: 'Петрова Анна Сергеевна', schoolId: school1.id });
const teacher = buildMembership({ id: uuid(70), profileId: person.id, organizationId: school1.id, role: 'teacher' });

const dbs: AppDatabase[] = [];
beforeAll(() => i18n.ensure('admin'));
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const other = buildProfile({ id: uuid(61), fullName: 'Соколова Елена Викторовна', schoolId: school2.id });

async function setup(server: ServerState = 'guest') {
	const db = freshDatabase('person-card');
	dbs.push(db);
	await db.organizations.bulkPut(ORGS);
	await db.profiles.put(person);
	await db.memberships.put(teacher);
	const notices = new Notices();
	const view = render(PersonCard, {
		props: { db, person, organizations: ORGS, grantor: ADMIN, actor: { profileId: uuid(900) }, server },
		context: new Map([[NOTICES_KEY, notices]])
	});
	await screen.findByText('Педагог — СОШ № 1');
	return { db, notices, view };
}

describe('a person’s card', () => {
	it('shows the roles of the person chosen next', async () => {
		const { db, view } = await setup();
		await db.profiles.put(other);
		await db.memberships.put(
			buildMembership({ id: uuid(71), profileId: other.id, organizationId: school2.id, role: 'school_methodist' })
		);
		await view.rerender({ person: other });
		expect(await screen.findByText('Методист ОО — СОШ № 2')).toBeInTheDocument();
		expect(screen.queryByText('Педагог — СОШ № 1')).toBeNull();
	});

	it('ends a role only after a confirmation that names the person, the role and the school', async () => {
		const { db, notices } = await setup();
		await fireEvent.click(screen.getByRole('button', { name: 'Завершить роль «Педагог» — СОШ № 1' }));
		const dialog = screen.getByRole('dialog', { name: 'Завершить роль?' });
		expect(dialog).toHaveTextContent('Петрова Анна Сергеевна больше не будет «Педагог» в «СОШ № 1»');
		await fireEvent.click(screen.getByRole('button', { name: 'Отмена' }));
		expect((await db.memberships.get(teacher.id))?.deletedAt).toBeNull();
		await fireEvent.click(screen.getByRole('button', { name: 'Завершить роль «Педагог» — СОШ № 1' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Да, завершить' }));
		await waitFor(async () => expect((await db.memberships.get(teacher.id))?.deletedAt).toEqual(expect.any(String)));
		expect(notices.items.map((n) => n.text)).toEqual([expect.stringContaining('роль «Педагог» завершена')]);
		expect(await screen.findByText('Ролей нет — человек ничего не видит в приложении.')).toBeInTheDocument();
	});

	it('gives another role and says when the person holds it already', async () => {
		const { db, notices } = await setup();
		await fireEvent.change(screen.getByLabelText('Организация для новой роли'), { target: { value: school2.id } });
		await fireEvent.change(screen.getByLabelText('Новая роль'), { target: { value: 'mentor' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Выдать роль' }));
		await screen.findByText('Наставник — СОШ № 2');
		expect(notices.items.map((n) => n.text)).toEqual([expect.stringContaining('выдана роль «Наставник» в «СОШ № 2»')]);
		await fireEvent.change(screen.getByLabelText('Организация для новой роли'), { target: { value: school1.id } });
		await fireEvent.change(screen.getByLabelText('Новая роль'), { target: { value: 'teacher' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Выдать роль' }));
		expect(await screen.findByText('Эта роль в этой организации у человека уже есть')).toBeInTheDocument();
		expect((await db.memberships.toArray()).filter((m) => !m.deletedAt)).toHaveLength(2);
	});

	it('moves a teacher only with the server, after a confirmation naming both schools', async () => {
		await setup('guest');
		expect(screen.getByText('Эта часть работает только с сервером: войдите в учётную запись.')).toBeInTheDocument();
		expect(screen.queryByLabelText('Новая школа')).toBeNull();
		cleanup();
		const { notices } = await setup('online');
		await fireEvent.change(screen.getByLabelText('Новая школа'), { target: { value: school2.id } });
		await fireEvent.click(screen.getByRole('button', { name: 'Перевести' }));
		expect(screen.getByRole('dialog', { name: 'Перевести в другую школу?' })).toHaveTextContent(
			'Петрова Анна Сергеевна: из «СОШ № 1» в «СОШ № 2»'
		);
		rpc.mockResolvedValueOnce({ data: null, error: null });
		await fireEvent.click(screen.getByRole('button', { name: 'Да, перевести' }));
		await waitFor(() =>
			expect(rpc).toHaveBeenCalledWith('move_teacher', { p_profile: person.id, p_school: school2.id })
		);
		await waitFor(() =>
			expect(notices.items.map((n) => n.text)).toEqual([expect.stringContaining('перевод в «СОШ № 2» выполнен')])
		);
	});
});
