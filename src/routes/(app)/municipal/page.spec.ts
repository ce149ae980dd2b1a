// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { freshDatabase } from '$lib/db/testing/fresh';
import { buildOrganization, IDS } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

// The figures below the heading are their own chunk (and need the router's state): not what this
// file tests.
vi.mock('./MunicipalReport.svelte', () => ({ default: () => {} }));

beforeAll(() => i18n.ensure('school', 'teacher'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const municipality = buildOrganization({
	id: IDS.municipality,
	kind: 'municipality',
	name: 'Демо-округ',
	shortName: null,
	parentId: null
});

describe('the municipal methodist’s dashboard', () => {
	it('takes the dashboard down when the municipality is gone while it is open (deleted by a sync pull), and says so', async () => {
		const db = freshDatabase('municipal-page');
		dbs.push(db);
		await db.organizations.bulkPut([municipality, buildOrganization()]);
		const session = new Session();
		session.db = db;
		render(Page, { context: new Map<unknown, unknown>([[SESSION_KEY, session]]) });
		await screen.findByRole('heading', { level: 1, name: 'Демо-округ' });
		await db.organizations.update(IDS.municipality, { deletedAt: '2026-12-08T09:00:00.000Z' });
		await screen.findByText(/Муниципалитет ещё не загружен/);
		expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
	});
});
