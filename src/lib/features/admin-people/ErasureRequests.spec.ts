// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { i18n } from '$lib/i18n/i18n.svelte';
import ErasureRequests from './ErasureRequests.svelte';

// The server stands in as supabase-js: rpc for the list and the erasure, storage for the files.
const calls = vi.hoisted(() => [] as string[]);
const server = vi.hoisted(() => ({ rows: [] as Record<string, unknown>[], files: [] as string[], refuse: false }));
vi.mock('$lib/supabase/auth', () => ({
	loadClient: async () => ({
		rpc: async (name: string, args: Record<string, unknown>) => {
			calls.push(`rpc ${name}`);
			if (name === 'erasure_request_list') return { data: server.rows, error: null };
			if (name === 'erasure_files') return { data: server.files, error: null };
			if (name === 'carry_out_erasure') {
				if (server.files.length || server.refuse)
					return { data: null, error: { code: 'P0001', message: 'files of the person are still in storage' } };
				server.rows = server.rows.map((r) =>
					r.id === args.p_request
						? {
								...r,
								status: 'done',
								carried_out_at: '2026-12-07T12:00:00Z',
								full_name: 'Удалённый профиль',
								email: null
							}
						: r
				);
				return { data: 'anon-1', error: null };
			}
			return { data: null, error: { code: '42883', message: 'no such function' } };
		},
		storage: {
			from: (bucket: string) => ({
				remove: async (paths: string[]) => {
					calls.push(`remove ${bucket} ${paths.join(',')}`);
					server.files = server.files.filter((f) => !paths.includes(f));
					return { data: [], error: null };
				}
			})
		}
	})
}));

const waiting = {
	id: 'r1',
	profile_id: 'p1',
	full_name: 'Петрова Анна Сергеевна',
	email: 'petrova@school.ru',
	school_name: 'СОШ № 2',
	requested_at: '2026-12-06T09:00:00Z',
	status: 'requested',
	carried_out_at: null,
	note: '',
	files: 2
};
const withdrawn = { ...waiting, id: 'r0', status: 'withdrawn', requested_at: '2026-11-01T09:00:00Z', files: 0 };

beforeAll(() => i18n.ensure('admin'));
beforeEach(() => {
	server.rows = [waiting, withdrawn];
	server.files = ['p1/plan_actions/a/f1', 'p1/activities/b/f2'];
	server.refuse = false;
	calls.length = 0;
});
afterEach(() => cleanup());

const item = (name: RegExp) =>
	within(screen.getByTestId('erasure-requests'))
		.getAllByRole('listitem')
		.find((li) => name.test(li.textContent ?? ''))!;

describe('the administrator’s erasure requests', () => {
	it('lists the requests with whose they are, their state and the files left', async () => {
		render(ErasureRequests, { server: 'online' });
		const list = await screen.findByTestId('erasure-requests');
		const items = within(list).getAllByRole('listitem');
		expect(items).toHaveLength(2);
		expect(items[0]!.textContent).toContain('Петрова Анна Сергеевна');
		expect(items[0]!.textContent).toContain('petrova@school.ru · СОШ № 2');
		expect(items[0]!.textContent).toContain('Ждёт выполнения');
		expect(items[0]!.textContent).toContain('Файлов в хранилище: 2');
		expect(items[1]!.textContent).toContain('Отозван');
		expect(within(items[1]!).queryByRole('button')).toBeNull();
	});

	it('carries a request out after a confirmation: the files first, then the server; the request shows done', async () => {
		render(ErasureRequests, { server: 'online' });
		await screen.findByTestId('erasure-requests');
		await fireEvent.click(within(item(/Ждёт/)).getByRole('button', { name: 'Выполнить удаление' }));
		const confirm = screen.getByRole('group', { name: 'Удалить данные: Петрова Анна Сергеевна?' });
		expect(confirm.textContent).toContain('Отменить удаление нельзя');
		expect(calls).not.toContain('rpc carry_out_erasure');

		await fireEvent.click(within(confirm).getByRole('button', { name: 'Удалить безвозвратно' }));
		expect((await screen.findByRole('status')).textContent).toBe('Удаление выполнено.');
		expect(calls).toEqual([
			'rpc erasure_request_list',
			'rpc erasure_files',
			'remove evidence p1/plan_actions/a/f1,p1/activities/b/f2',
			'rpc carry_out_erasure',
			'rpc erasure_request_list'
		]);
		const done = item(/Удалённый профиль/);
		expect(done.getAttribute('data-status')).toBe('done');
		expect(done.textContent).toContain('Выполнен');
		expect(done.textContent).toContain('Удалено');
		expect(within(done).queryByRole('button')).toBeNull();
	});

	it('says why when the server refuses, and the request stays waiting', async () => {
		server.refuse = true;
		render(ErasureRequests, { server: 'online' });
		await screen.findByTestId('erasure-requests');
		await fireEvent.click(within(item(/Ждёт/)).getByRole('button', { name: 'Выполнить удаление' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Удалить безвозвратно' }));
		expect((await screen.findByRole('alert')).textContent).toContain('Сервер отказал');
		expect(item(/Петрова/).getAttribute('data-status')).toBe('requested');
	});

	it('offline, asks the server for nothing and says so', () => {
		render(ErasureRequests, { server: 'offline' });
		expect(screen.getByText('Запросы видны только при связи с сервером.')).toBeTruthy();
		expect(calls).toEqual([]);
	});
});
