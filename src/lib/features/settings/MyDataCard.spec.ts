// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { ErasureRequest, ServerExport } from '$lib/supabase/data-rights';
import MyDataCard from './MyDataCard.svelte';

// The server stands in as the data-rights calls; the archive is built for real and handed to save().
const server = vi.hoisted(() => ({
	requests: [] as ErasureRequest[],
	exportMyData: vi.fn(),
	downloadFile: vi.fn(),
	myErasureRequests: vi.fn(),
	requestErasure: vi.fn(),
	withdrawErasure: vi.fn()
}));
vi.mock('$lib/supabase/data-rights', () => ({
	exportMyData: server.exportMyData,
	downloadFile: server.downloadFile,
	myErasureRequests: server.myErasureRequests,
	requestErasure: server.requestErasure,
	withdrawErasure: server.withdrawErasure
}));
const saved = vi.hoisted(() => [] as { name: string; bytes: Uint8Array }[]);
vi.mock('./data-archive', async (original) => ({
	...(await original<typeof import('./data-archive')>()),
	save: (name: string, bytes: Uint8Array) => saved.push({ name, bytes })
}));

const me = '6a1f0c1e-0000-4000-8000-000000000001';
const online = { mode: 'account' as const, online: true, profileId: me };

const EXPORT: ServerExport = {
	format: 1,
	exported_at: '2026-12-07T10:00:00Z',
	profile_id: me,
	tables: { profiles: [{ id: me, full_name: 'Петрова Анна Сергеевна' }] },
	files: [`${me}/plan_actions/a/f1`]
};

beforeAll(() => i18n.ensure('settings'));
beforeEach(() => {
	server.requests = [];
	server.myErasureRequests.mockImplementation(async () => server.requests);
	server.requestErasure.mockImplementation(async () => {
		server.requests = [{ id: 'r1', requestedAt: '2026-12-07T10:05:00Z', status: 'requested', carriedOutAt: null }];
	});
	server.withdrawErasure.mockImplementation(async () => {
		server.requests = [{ ...server.requests[0]!, status: 'withdrawn' }];
	});
	server.exportMyData.mockResolvedValue(EXPORT);
	server.downloadFile.mockResolvedValue(new Uint8Array([1, 2, 3]));
});
afterEach(() => {
	cleanup();
	vi.clearAllMocks();
	saved.length = 0;
});

describe('«Мои данные на сервере»', () => {
	it('offline, says the server is needed and offers nothing it cannot do', async () => {
		render(MyDataCard, { session: { ...online, online: false } });
		expect(screen.getByTestId('my-data-offline').textContent).toContain('Нужна связь с сервером');
		expect((screen.getByRole('button', { name: 'Скачать всё' }) as HTMLButtonElement).disabled).toBe(true);
		expect((screen.getByRole('button', { name: 'Попросить удалить мои данные' }) as HTMLButtonElement).disabled).toBe(
			true
		);
		expect(server.myErasureRequests).not.toHaveBeenCalled();
	});

	it('downloads one archive with the rows and the files', async () => {
		render(MyDataCard, { session: online });
		await fireEvent.click(screen.getByRole('button', { name: 'Скачать всё' }));
		await waitFor(() => expect(saved).toHaveLength(1));
		expect(saved[0]!.name).toBe('trajectory-my-data-2026-12-07.zip');
		expect(server.downloadFile).toHaveBeenCalledWith(`${me}/plan_actions/a/f1`);
		const text = new TextDecoder().decode(saved[0]!.bytes);
		expect(text).toContain('data/profiles.json');
		expect(text).toContain('Петрова Анна Сергеевна');
		expect(text).toContain(`files/${me}/plan_actions/a/f1`);
		expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Архив сохранён.');
	});

	it('says the line went down instead of saving half an archive', async () => {
		server.downloadFile.mockRejectedValue(Object.assign(new Error('Failed to fetch'), { problem: 'offline' }));
		render(MyDataCard, { session: online });
		await fireEvent.click(screen.getByRole('button', { name: 'Скачать всё' }));
		expect((await screen.findByRole('status')).textContent).toContain('Нет связи с сервером');
		expect(saved).toEqual([]);
	});

	it('asks for erasure only after a confirmation that says what goes and what stays, and lets her withdraw', async () => {
		render(MyDataCard, { session: online });
		await waitFor(() => expect(server.myErasureRequests).toHaveBeenCalledWith(me));
		await fireEvent.click(await screen.findByRole('button', { name: 'Попросить удалить мои данные' }));
		const confirm = screen.getByRole('group', { name: 'Удалить ваши данные с сервера?' });
		expect(confirm.textContent).toContain('учётную запись');
		expect(confirm.textContent).toContain('без имени');
		expect(confirm.textContent).toContain('распечатанные отчёты не меняются');
		expect(server.requestErasure).not.toHaveBeenCalled();

		await fireEvent.click(screen.getByRole('button', { name: 'Отправить запрос' }));
		expect(server.requestErasure).toHaveBeenCalledWith(me);
		expect((await screen.findByTestId('erasure-waiting')).textContent).toContain('вы попросили удалить ваши данные');

		await fireEvent.click(screen.getByRole('button', { name: 'Отозвать запрос' }));
		expect(server.withdrawErasure).toHaveBeenCalledWith('r1');
		expect(await screen.findByRole('button', { name: 'Попросить удалить мои данные' })).toBeTruthy();
		expect(screen.queryByTestId('erasure-waiting')).toBeNull();
	});

	it('cancelling the confirmation sends nothing', async () => {
		render(MyDataCard, { session: online });
		await fireEvent.click(await screen.findByRole('button', { name: 'Попросить удалить мои данные' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Отмена' }));
		expect(server.requestErasure).not.toHaveBeenCalled();
		expect(screen.queryByRole('group')).toBeNull();
	});
});
