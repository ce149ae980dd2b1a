import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';
import { seriousViolations } from './axe';
import { overflowing } from './layout';

/**
 * Addressed recommendations from the methodist's screen to the analytical note, in guest mode
 * with the demo school on a desktop-sized window: the school methodist writes one to a teacher,
 * edits its text in place (an empty text refused next to the field), and the note's
 * «Адресные рекомендации» lists the edited text with the teacher, author, dates and status; the
 * municipal note lists only recommendations to whole schools, by school.
 */
// Pictures for docs/ go to SHOT_DIR (npm run screenshots sets it); a plain test run never
// writes tracked files.
const SHOTS = process.env.SHOT_DIR ?? `${process.env.E2E_TMP ?? '.tmp'}/e2e-shots`;
const TEACHER = 'Тихонов Владимир Анатольевич';
const FIRST = 'Подготовить открытый урок физики для родителей';
const EDITED = 'Подготовить открытый урок физики для родителей и обсудить его на заседании ШМО';

let server: Server;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await serve(inject('buildDir'));
	context = await launch({ phone: false });
	page = context.pages()[0] ?? (await context.newPage());
	await page.goto(`${server.url}/teacher`);
	await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().click();
	await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
});

afterAll(async () => {
	await context?.close();
	await server?.stop();
});

async function actAsRole(role: 'school_methodist' | 'municipal_methodist', path: string): Promise<void> {
	await page.getByLabel('Роль', { exact: true }).selectOption(role);
	await page.waitForURL(`**${path}`);
}

describe('addressed recommendations in the analytical note', () => {
	it('let the school methodist write a recommendation to a teacher and edit its text in place', async () => {
		await actAsRole('school_methodist', '/methodist');
		const card = page.getByTestId('recommendations');
		await card.waitFor();
		await card.getByLabel('Кому').selectOption({ label: TEACHER });
		await card.getByLabel(/^Рекомендация/).fill(FIRST);
		await card.getByLabel('Срок (необязательно)').fill('2030-05-20');
		await card.getByRole('button', { name: 'Отправить рекомендацию' }).click();

		const item = card.getByTestId('recommendation').filter({ hasText: FIRST });
		await item.waitFor();
		// As the school's methodist the guest acts as Лебедева: her open ones — the demo's two to
		// teachers and the new one — are hers to edit; the municipality's to the school are not.
		const recs = card.getByTestId('recommendation');
		expect(await recs.filter({ has: page.getByRole('button', { name: 'Изменить' }) }).count()).toBe(3);
		expect(await recs.filter({ hasText: 'Всей школе' }).count()).toBeGreaterThan(0);
		expect(await recs.filter({ hasText: 'Всей школе' }).getByRole('button', { name: 'Изменить' }).count()).toBe(0);
		await item.getByRole('button', { name: 'Изменить' }).click();
		// While edited, the text is the field's value: find the (one) open form instead.
		const form = card.getByTestId('recommendation-edit');
		const body = form.getByLabel(/^Текст рекомендации/);
		expect(await body.inputValue()).toBe(FIRST);

		await body.fill('');
		await form.getByRole('button', { name: 'Сохранить' }).click();
		await form.getByText('Заполните поле').waitFor();
		await form.scrollIntoViewIfNeeded();
		// The sticky app bar would cover the top of the form.
		await card
			.getByTestId('recommendation')
			.filter({ has: page.getByTestId('recommendation-edit') })
			.screenshot({ path: `${SHOTS}/recommendation-edit.png`, style: 'header.top { visibility: hidden; }' });

		// The form fits a 360 px phone too.
		await page.setViewportSize({ width: 360, height: 780 });
		expect(await overflowing(page)).toEqual([]);
		await page.setViewportSize({ width: 1280, height: 800 });

		await body.fill(EDITED);
		await form.getByRole('button', { name: 'Сохранить' }).click();
		const edited = card.getByTestId('recommendation').filter({ hasText: EDITED });
		await edited.waitFor();
		expect(await edited.getByTestId('recommendation-edit').count()).toBe(0);
		expect(await edited.textContent()).toContain(`Педагогу: ${TEACHER}`);
	});

	it('list the edited text in the school note with the teacher, author, dates and status, printable and accessible', async () => {
		await page.goto(`${server.url}/methodist/report`);
		const note = page.getByTestId('analytical-note');
		await note.getByRole('heading', { level: 1, name: /^Аналитическая справка: / }).waitFor();
		const section = note.getByTestId('note-recommendations');
		await section.getByRole('heading', { level: 2, name: /Адресные рекомендации$/ }).waitFor();
		const item = section.getByTestId('note-recommendation').filter({ hasText: EDITED });
		await item.waitFor();
		const text = (await item.textContent()) ?? '';
		expect(text).toContain(`Педагогу: ${TEACHER}`);
		expect(text).toMatch(/Автор: [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+, \d\d\.\d\d\.\d{4}/);
		expect(text).toContain('Срок: 20.05.2030');
		expect(text).toContain('Не выполнено');
		expect(await section.getByText(FIRST, { exact: true }).count()).toBe(0);
		// The demo's: one done by the school, one past its due date, in words.
		const all = (await section.textContent()) ?? '';
		expect(all).toMatch(/Выполнено \d\d\.\d\d\.\d{4}/);
		expect(all).toMatch(/Всего: \d+, выполнено: \d+, не выполнено: \d+/);

		expect(await seriousViolations(page)).toEqual([]);

		await page.emulateMedia({ media: 'print' });
		expect(await section.locator('button, a').count()).toBe(0);
		expect(await item.evaluate((li) => getComputedStyle(li).breakInside)).toBe('avoid');
		await page.emulateMedia({ media: 'screen' });
		await section.screenshot({ path: `${SHOTS}/analytical-note-recommendations.png` });
	});

	it('show the municipal note only the recommendations to whole schools, by school, no teacher named', async () => {
		await page.goto(`${server.url}/municipal`);
		await actAsRole('municipal_methodist', '/municipal');
		await page.getByTestId('schools').waitFor();
		await page.getByRole('link', { name: 'Открыть аналитическую справку' }).click();
		await page.waitForURL('**/methodist/report?org=*');
		const section = page.getByTestId('note-recommendations');
		await section.getByTestId('note-recommendation').first().waitFor();
		const items = await section.getByTestId('note-recommendation').allTextContents();
		expect(items.length).toBeGreaterThan(0);
		for (const text of items) {
			expect(text.trim()).toMatch(/^МБОУ «/);
			expect(text).not.toContain('Педагогу');
		}
		expect(items.join('\n')).not.toContain(EDITED);
		expect(await seriousViolations(page)).toEqual([]);
	});
});
