import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launch } from './chromium';
import { overflowing } from './layout';
import { serve, type Server } from './server';

/**
 * Issue 17 (d): «Напоминания» are computed on the device. A phone with the demo school goes
 * offline with no server at all; the teacher's home lists her overdue ИОМ action first, marked
 * «просрочено», and the school methodist's home lists the plans waiting for her approval. What
 * the panel should list is read from the device's own IndexedDB, not assumed.
 */
const METHODIST = 'Лебедева Ольга Николаевна';
const SHOTS = process.env.SHOT_DIR ?? join(process.env.E2E_TMP ?? '.tmp', 'e2e-shots');

let server: Server;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	server = await serve(inject('buildDir'));
	context = await launch();
	page = context.pages()[0] ?? (await context.newPage());
	await page.goto(`${server.url}/teacher`);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await page.waitForFunction(() => !!navigator.serviceWorker.controller);
	await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().click();
	await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
	await server.stop();
	await context.setOffline(true);
});

afterAll(async () => {
	await context?.close();
	await server?.stop();
});

interface DeviceRows {
	me: string;
	profiles: { id: string; fullName: string; schoolId: string | null; deletedAt: string | null }[];
	plans: {
		id: string;
		teacherId: string;
		academicYear: number;
		approvalStatus?: string;
		deletedAt: string | null;
	}[];
	actions: {
		planId: string;
		teacherId: string;
		title: string;
		deadline: string | null;
		status: string;
		deletedAt: string | null;
	}[];
}

/** The guest database's rows as the device holds them, read with IndexedDB itself. */
function deviceRows(p: Page): Promise<DeviceRows> {
	return p.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('trajectory-guest');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const all = <T>(store: string) =>
			new Promise<T[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result as T[]);
				request.onerror = () => reject(request.error);
			});
		const meta = await all<{ key: string; value: unknown }>('meta');
		const rows = {
			me: meta.find((m) => m.key === 'guest.profileId')!.value as string,
			profiles: await all<DeviceRows['profiles'][number]>('profiles'),
			plans: await all<DeviceRows['plans'][number]>('development_plans'),
			actions: await all<DeviceRows['actions'][number]>('plan_actions')
		};
		db.close();
		return rows;
	});
}

/** Today on the phone's calendar (Moscow time, as the demo school's zone) and its academic year. */
async function phoneToday(p: Page): Promise<{ today: string; year: number }> {
	return p.evaluate(() => {
		const now = new Date();
		const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
		return { today, year: now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1 };
	});
}

function panel(): Locator {
	return page.getByRole('region', { name: 'Напоминания' });
}

async function headings(): Promise<string[]> {
	return panel().locator('.heading').allTextContents();
}

describe('reminders on a phone with no network', () => {
	it("lists the teacher's overdue ИОМ action first, marked overdue, on her home", async () => {
		await page.reload();
		await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
		await expect.poll(() => page.getByText('Офлайн').first().isVisible()).toBe(true);

		const rows = await deviceRows(page);
		const { today, year } = await phoneToday(page);
		const plan = rows.plans.find((p) => p.teacherId === rows.me && p.academicYear === year && !p.deletedAt)!;
		const overdue = rows.actions
			.filter(
				(a) =>
					a.planId === plan.id &&
					!a.deletedAt &&
					(a.status === 'planned' || a.status === 'in_progress') &&
					a.deadline !== null &&
					a.deadline < today
			)
			.map((a) => a.title);
		expect(overdue.length).toBeGreaterThan(0);

		await panel().getByTestId('reminders').waitFor();
		const items = panel().getByRole('listitem');
		const marked = items.filter({ hasText: 'просрочено' });
		await expect.poll(() => marked.count()).toBe(overdue.length);
		// Overdue first: the first items are exactly her overdue actions, each with the mark.
		expect((await headings()).slice(0, overdue.length).sort()).toEqual([...overdue].sort());
		const first = items.first();
		expect(await first.textContent()).toContain('просрочено');
		expect(await first.getByRole('link').getAttribute('href')).toBe('/teacher/plan');
		expect(await overflowing(page)).toEqual([]);
		await page.screenshot({ path: join(SHOTS, 'reminders-teacher.png') });

		// The link leads to her plan, offline too.
		await first.getByRole('link').click();
		await page.waitForURL(/\/teacher\/plan$/);
	});

	it("lists on the school methodist's home every plan of the school waiting for her approval", async () => {
		await page.goto(`${server.url}/settings`);
		const select = page.getByRole('combobox', { name: 'Работать от имени' });
		const value = await select.locator('option', { hasText: METHODIST }).getAttribute('value');
		await select.selectOption(value!);
		await page.getByText(`Теперь вы работаете от имени: ${METHODIST}`).waitFor();

		const rows = await deviceRows(page);
		const me = rows.profiles.find((p) => p.id === value)!;
		const colleagues = new Map(
			rows.profiles.filter((p) => p.schoolId === me.schoolId && p.id !== me.id && !p.deletedAt).map((p) => [p.id, p])
		);
		const waiting = rows.plans
			.filter((p) => p.approvalStatus === 'submitted' && !p.deletedAt && colleagues.has(p.teacherId))
			.map((p) => `ИОМ ждёт согласования: ${colleagues.get(p.teacherId)!.fullName}`);
		expect(waiting.length).toBeGreaterThan(0);

		await page.goto(`${server.url}/methodist`);
		await page.getByTestId('staff-list').waitFor();
		await panel().getByTestId('reminders').waitFor();
		await expect
			.poll(async () => (await headings()).filter((h) => h.startsWith('ИОМ ждёт согласования')).sort())
			.toEqual([...waiting].sort());
		expect(await overflowing(page)).toEqual([]);
		// Each leads to that plan's review.
		const plan = panel().getByRole('listitem').filter({ hasText: 'ИОМ ждёт согласования' }).first().getByRole('link');
		expect(await plan.getAttribute('href')).toMatch(/^\/methodist\/approvals\/[0-9a-f-]{36}$/);
	});

	it('shows them as system notifications once the switch in settings is on, each reminder once', async () => {
		await context.grantPermissions(['notifications'], { origin: server.url });
		await page.goto(`${server.url}/settings`);
		const toggle = page.getByRole('switch', { name: 'Показывать напоминания как уведомления' });
		await expect.poll(() => toggle.isEnabled()).toBe(true);
		expect(await toggle.isChecked()).toBe(false);
		await toggle.click();
		await expect.poll(() => toggle.isChecked()).toBe(true);

		await page.goto(`${server.url}/methodist`);
		await panel().getByTestId('reminders').waitFor();
		const expected = (await headings()).slice(0, 5);
		const shown = () =>
			page.evaluate(async () => {
				const registration = await navigator.serviceWorker.ready;
				return (await registration.getNotifications()).map((n) => n.title);
			});
		await expect.poll(async () => (await shown()).sort()).toEqual([...expected].sort());

		// Announced once: closed, they do not come back when the home opens again.
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			for (const n of await registration.getNotifications()) n.close();
		});
		await page.reload();
		await panel().getByTestId('reminders').waitFor();
		await page.waitForTimeout(500);
		expect(await shown()).toEqual([]);
	});
});
