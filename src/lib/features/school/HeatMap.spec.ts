// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import HeatMap from './HeatMap.svelte';
import type { CompetenceBlock } from '$lib/domain/competence-report';
import type { Framework } from '$lib/domain/framework';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school'));
afterEach(cleanup);

const framework = { competencies: [{ id: 'goal', group: 'meta', title: 'Целеполагание' }] } as unknown as Framework;
const block = {
	teachers: 25,
	suppressed: false,
	heatmap: [
		{ competencyId: 'goal', assessed: 25, mean: 2.2966, deficitTeachers: 8, deficitShare: 0.32, suppressed: false }
	]
} as unknown as CompetenceBlock;

describe('the heat map', () => {
	it('writes a cell as «2,30» and «доля с дефицитом: 32,0 %», the percent sign once', () => {
		render(HeatMap, { framework, columns: [{ label: 'Школа', block }], title: 'Карта', filename: 'x' });
		const cell = screen.getByTestId('heatmap').querySelector('tbody td')!;
		expect(cell.querySelector('strong')!.textContent).toBe('2,30');
		expect(cell.textContent).toContain('доля с дефицитом: 32,0\u00a0%');
		expect(cell.textContent).not.toMatch(/%:/);
	});

	it('sets 61 scopes in tables of 4 on paper, every scope once, each table with the competencies', () => {
		const columns = Array.from({ length: 61 }, (_, i) => ({ label: i ? `СОШ № ${i}` : 'Итого', block }));
		render(HeatMap, { framework, columns, title: 'Карта', filename: 'x', perTable: 4 });
		const tables = [...screen.getByTestId('heatmap').querySelectorAll('table')];
		expect(tables).toHaveLength(16);
		const heads = tables.map((t) => [...t.querySelectorAll('thead th')].map((th) => th.textContent));
		for (const head of heads) expect(head.length).toBeLessThanOrEqual(5);
		expect(heads.flatMap((h) => h.slice(1))).toEqual(columns.map((c) => c.label));
		for (const table of tables) expect(table.querySelector('tbody th')!.textContent).toContain('Целеполагание');
	});
});
