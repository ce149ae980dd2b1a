// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import EvidenceForm from './EvidenceForm.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { buildAction, buildPlan, IDS } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('teacher', 'plan', 'portfolio'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function mount() {
	const db = freshDatabase('evidence-form');
	dbs.push(db);
	await db.development_plans.put(buildPlan());
	await db.plan_actions.put(buildAction());
	const session = new Session();
	session.db = db;
	session.profileId = IDS.teacher;
	render(EvidenceForm, {
		props: {
			db,
			actionId: IDS.action,
			busy: false,
			onAdd: async () => ({ ok: true }) as const,
			onAddPhoto: async () => ({ ok: true }) as const
		},
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, new Notices()]
		])
	});
	await fireEvent.click(await screen.findByRole('button', { name: 'Добавить подтверждение' }));
	await fireEvent.click(screen.getByRole('radio', { name: 'Файл' }));
	return db;
}

function choose(file: File) {
	const input = screen.getByLabelText('Выбрать файл', { selector: 'input' }) as HTMLInputElement;
	Object.defineProperty(input, 'files', { value: [file], configurable: true });
	return fireEvent.change(input);
}

describe('a file as evidence', () => {
	it('says what the server takes beside the button', async () => {
		await mount();
		expect(
			screen.getByText(/PDF, документ Word, Excel, PowerPoint, OpenDocument или фото — до 10 МБ/)
		).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Выбрать файл' })).toHaveAccessibleDescription(/до 10 МБ/);
	});

	it('refuses a type or a size the server would refuse, before storing anything', async () => {
		const db = await mount();
		await choose(new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }));
		expect(await screen.findByTestId('file-error')).toHaveTextContent('Такой файл сервер не примет');
		const big = new File(['%PDF'], 'scan.pdf', { type: 'application/pdf' });
		Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
		await choose(big);
		await waitFor(() => expect(screen.getByTestId('file-error')).toHaveTextContent('Файл больше 10 МБ'));
		expect(await db.attachments.count()).toBe(0);
		expect((await db.plan_actions.get(IDS.action))!.evidence).toEqual([]);
	});

	it('stores a document with its evidence, typed by its extension when the picker gave none, waiting to upload', async () => {
		const db = await mount();
		await choose(new File(['PK'], 'Отчёт о курсах.docx', { type: '' }));
		await waitFor(async () => expect(await db.attachments.count()).toBe(1));
		const [stored] = await db.attachments.toArray();
		expect(stored).toMatchObject({
			name: 'Отчёт о курсах.docx',
			mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			uploadStatus: 'pending',
			teacherId: IDS.teacher
		});
		await waitFor(async () =>
			expect((await db.plan_actions.get(IDS.action))!.evidence).toEqual([
				expect.objectContaining({ kind: 'file', value: stored!.id })
			])
		);
		expect(await db.outbox.where('[table+rowId]').equals(['plan_actions', IDS.action]).count()).toBeGreaterThan(0);
	});
});
