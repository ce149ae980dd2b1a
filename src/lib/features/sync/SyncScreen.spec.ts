// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import SyncScreen from './SyncScreen.svelte';
import { i18n } from '$lib/i18n/i18n.svelte';
import { INITIAL_STATUS, type SyncStatus } from '$lib/sync/status';
import type { SyncConflict } from '$lib/db/database';
import type { RejectedChange } from '$lib/sync/rejected';
import { uuid } from '$lib/domain/testing/builders';

beforeAll(() => i18n.ensure('account'));
afterEach(cleanup);

const NOW = new Date('2026-10-01T12:00:00.000Z');

const conflict: SyncConflict = {
	id: uuid(1),
	tableName: 'plan_actions',
	rowId: uuid(2),
	field: 'title',
	base: 'Курсы',
	overwritten: 'Курсы ПК по ФГОС (наставник)',
	value: 'Курсы ПК по ФГОС ООО',
	overwrittenBy: uuid(3),
	profileId: uuid(5),
	userId: uuid(6),
	createdAt: '2026-10-01T11:00:00.000Z',
	resolvedAt: null
};

const refused: RejectedChange = {
	seq: 7,
	table: 'deficits',
	rowId: uuid(4),
	op: 'upsert',
	fields: { status: 'overcome' },
	reason: 'forbidden',
	message: 'permission denied',
	createdAt: '2026-09-30T08:00:00.000Z',
	row: null
};

function setup(
	status: Partial<SyncStatus> = {},
	lists: { conflicts?: SyncConflict[]; rejected?: RejectedChange[] } = {}
) {
	const props = {
		status: { ...INITIAL_STATUS, ...status },
		conflicts: lists.conflicts ?? [conflict],
		rejected: lists.rejected ?? [refused],
		now: NOW,
		onsync: vi.fn(),
		onresolve: vi.fn(),
		onretry: vi.fn(),
		ondismiss: vi.fn(),
		onexport: vi.fn()
	};
	render(SyncScreen, props);
	return props;
}

describe('the sync screen', () => {
	it('shows what waits, since when, and the last success', () => {
		setup({ pending: 3, oldestPendingAt: '2026-10-01T09:00:00.000Z', lastSyncedAt: '2026-10-01T11:55:00.000Z' });
		expect(screen.getByTestId('sync-pending')).toHaveTextContent('3');
		expect(screen.getByText('3 часа назад')).toBeInTheDocument();
		expect(screen.getByText('5 минут назад')).toBeInTheDocument();
	});

	it('counts the files waiting to upload, and those the server refused', () => {
		setup({ files: 2, filesFailed: 1 });
		expect(screen.getByTestId('sync-files')).toHaveTextContent('2');
		expect(screen.getByText('Файлов ждут отправки')).toBeInTheDocument();
		expect(screen.getByText('Фото и файлы отправляются после записей, к которым они приложены.')).toBeInTheDocument();
		expect(screen.getByTestId('sync-files-failed')).toHaveTextContent('1');
	});

	it('says no files wait when none do', () => {
		setup();
		expect(screen.getByTestId('sync-files')).toHaveTextContent('нет');
		expect(screen.queryByTestId('sync-files-failed')).toBeNull();
	});

	it('explains an error in Russian and offers to sign in again when the session expired', () => {
		setup({ state: 'error', error: { code: 'auth', message: 'JWT expired' } });
		expect(screen.getByRole('alert')).toHaveTextContent('Сеанс входа истёк. Войдите снова');
		expect(screen.getByRole('link', { name: 'Войти снова' })).toHaveAttribute('href', '/signin');
	});

	it('shows a progress bar during the first download', () => {
		setup({ state: 'syncing', progress: { done: 120, total: 400 } });
		const bar = screen.getByRole('progressbar', { name: 'Загрузка данных с сервера' });
		expect(bar).toHaveAttribute('aria-valuenow', '120');
		expect(screen.getByText(/Получено записей: 120/)).toBeInTheDocument();
	});

	it('lists a crossed change with both values and keeps either', async () => {
		const props = setup();
		const list = screen.getByRole('list', { name: 'Изменения, которые пересеклись' });
		const item = within(list).getByRole('listitem');
		expect(item).toHaveTextContent('Мероприятие ИОМ: поле «title»');
		expect(within(item).getByText('Курсы ПК по ФГОС ООО')).toBeInTheDocument();
		expect(within(item).getByText('Курсы ПК по ФГОС (наставник)')).toBeInTheDocument();
		await fireEvent.click(within(item).getByRole('button', { name: 'Оставить моё' }));
		expect(props.onresolve).toHaveBeenCalledWith(uuid(1), 'mine');
		await fireEvent.click(within(item).getByRole('button', { name: 'Вернуть прежнее' }));
		expect(props.onresolve).toHaveBeenCalledWith(uuid(1), 'theirs');
	});

	it('lists refused changes with their reason, exports and retries them', async () => {
		const props = setup();
		const item = within(screen.getByRole('list', { name: 'Изменения, которые сервер не принял' })).getByRole(
			'listitem'
		);
		expect(item).toHaveTextContent('Дефицит');
		expect(item).toHaveTextContent('Причина: нет прав на это изменение');
		await fireEvent.click(screen.getByRole('button', { name: 'Экспорт' }));
		expect(props.onexport).toHaveBeenCalled();
		await fireEvent.click(within(item).getByRole('button', { name: 'Повторить' }));
		expect(props.onretry).toHaveBeenCalledWith(7);
	});

	it('removes a refused change only after an explicit confirmation', async () => {
		const props = setup();
		await fireEvent.click(screen.getByRole('button', { name: 'Убрать' }));
		expect(props.ondismiss).not.toHaveBeenCalled();
		const dialog = screen.getByRole('dialog', { name: 'Убрать изменение из списка?' });
		await fireEvent.click(within(dialog).getByRole('button', { name: 'Отмена' }));
		expect(screen.queryByRole('dialog')).toBeNull();
		expect(props.ondismiss).not.toHaveBeenCalled();
		await fireEvent.click(screen.getByRole('button', { name: 'Убрать' }));
		await fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Да, убрать' }));
		expect(props.ondismiss).toHaveBeenCalledWith(7);
	});

	it('says when nothing crossed and nothing was refused', () => {
		setup({}, { conflicts: [], rejected: [] });
		expect(screen.getByText('Пересечений нет.')).toBeInTheDocument();
		expect(screen.getByText('Все изменения приняты.')).toBeInTheDocument();
	});
});
