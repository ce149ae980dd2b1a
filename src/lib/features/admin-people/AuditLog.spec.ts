// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { i18n } from '$lib/i18n/i18n.svelte';
import AuditLog from './AuditLog.svelte';

// The server stands in as supabase-js's rpc: what the screen asks for and what it makes of the rows.
const rpc = vi.fn();
vi.mock('$lib/supabase/auth', () => ({
	loadClient: async () => ({ rpc }),
	signInWithOtp: vi.fn()
}));

beforeAll(() => i18n.ensure('admin'));
afterEach(() => {
	cleanup();
	rpc.mockReset();
});

function row(id: number, action: string, extra: Record<string, unknown> = {}) {
	return {
		id,
		at: '2026-12-07T12:30:00Z',
		action,
		actor_name: 'Орлова Наталья Ивановна',
		person_name: 'Петрова Анна Сергеевна',
		person_email: 'petrova@school.ru',
		organization_name: 'СОШ № 2',
		role: 'teacher',
		old_organization_name: null,
		old_role: null,
		...extra
	};
}

const PAGE_ONE = [
	row(120, 'move', { old_organization_name: 'СОШ № 1', role: null }),
	row(119, 'end', { organization_name: 'СОШ № 1' }),
	row(118, 'grant', { role: 'mentor' }),
	row(117, 'change', { old_role: 'mentor', old_organization_name: 'СОШ № 1', role: 'school_methodist' }),
	row(116, 'invite', { actor_name: null }),
	row(115, 'withdraw', { role: null, organization_name: null, person_name: null, person_email: null }),
	...Array.from({ length: 44 }, (_, i) => row(114 - i, 'grant'))
];

const items = () => within(screen.getByTestId('audit-entries')).getAllByRole('listitem');

describe('the audit log', () => {
	it('reads the newest page and says in Russian who did what to whom', async () => {
		rpc.mockResolvedValueOnce({ data: PAGE_ONE, error: null });
		render(AuditLog, { props: { server: 'online' } });
		await screen.findByTestId('audit-entries');
		expect(rpc).toHaveBeenCalledWith('audit_log_page', { p_before: null, p_limit: 50 });
		const [move, end, grant, change, invite, withdraw] = items().map((li) => li.textContent!.replace(/\s+/g, ' '));
		expect(move).toContain('Перевод из «СОШ № 1» в «СОШ № 2»');
		expect(move).toContain('Кого: Петрова Анна Сергеевна (petrova@school.ru)');
		expect(move).toContain('Кто: Орлова Наталья Ивановна');
		expect(end).toContain('Завершена роль «Педагог» в «СОШ № 1»');
		expect(grant).toContain('Выдана роль «Наставник» в «СОШ № 2»');
		expect(change).toContain('Роль изменена: «Наставник» в «СОШ № 1» → «Методист ОО» в «СОШ № 2»');
		expect(invite).toContain('Приглашение: роль «Педагог» в «СОШ № 2»');
		expect(invite).toContain('Кто: система');
		expect(withdraw).toContain('Приглашение отозвано');
		expect(withdraw).toContain('Кого: профиль удалён');
		expect(screen.getAllByRole('time')[0]).toHaveAttribute('datetime', '2026-12-07T12:30:00Z');
	});

	it('pages back with «Показать ещё» from the oldest entry shown, until the log ends', async () => {
		rpc.mockResolvedValueOnce({ data: PAGE_ONE, error: null });
		rpc.mockResolvedValueOnce({ data: [row(70, 'grant'), row(69, 'end')], error: null });
		render(AuditLog, { props: { server: 'online' } });
		await fireEvent.click(await screen.findByRole('button', { name: 'Показать ещё' }));
		await screen.findByText('Это все записи.');
		expect(rpc).toHaveBeenLastCalledWith('audit_log_page', { p_before: 71, p_limit: 50 });
		expect(items()).toHaveLength(52);
		expect(screen.queryByRole('button', { name: 'Показать ещё' })).toBeNull();
	});

	it('says why when the server refuses, and asks for the server in guest mode', async () => {
		rpc.mockResolvedValueOnce({
			data: null,
			error: { code: '42501', message: 'only an administrator reads the audit log' }
		});
		render(AuditLog, { props: { server: 'online' } });
		expect(await screen.findByRole('alert')).toHaveTextContent('Недостаточно прав');
		cleanup();
		render(AuditLog, { props: { server: 'guest' } });
		expect(screen.getByText(/работает только с сервером/)).toBeInTheDocument();
		expect(rpc).toHaveBeenCalledTimes(1);
	});
});
