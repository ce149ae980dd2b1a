// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import CompetenceGrowth from './CompetenceGrowth.svelte';
import type { CompetenceBlock } from '$lib/domain/competence-report';
import type { Framework } from '$lib/domain/framework';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school'));
afterEach(cleanup);

const framework = { competencies: [{ id: 'goal', group: 'meta', title: 'Целеполагание' }] } as unknown as Framework;

const block = {
	teachers: 29,
	suppressed: false,
	competencies: [
		{ competencyId: 'goal', group: 'meta', teachers: 20, entry: 59 / 29, final: 68 / 29, suppressed: false }
	],
	groups: [
		{
			group: 'meta',
			teachers: 20,
			entry: 59 / 29,
			final: 68 / 29,
			growth: { numerator: 15, denominator: 20, value: 0.75, noData: 9 },
			suppressed: false
		}
	],
	heatmap: [],
	topDeficits: [],
	planCompletion: { numerator: 20, denominator: 83, value: 20 / 83, suppressed: false },
	mentoring: null,
	observations: { count: 9, teachers: 25, perTeacher: 0.36 }
} as unknown as CompetenceBlock;

describe('the competence growth table', () => {
	it('at the intermediate stage compares with промежуточная, in the header, the notes and the chart — never итоговая', () => {
		render(CompetenceGrowth, { framework, block, title: 'Рост', filename: 'x', stage: 'intermediate' });
		const table = screen.getByTestId('growth');
		expect(table.querySelector('thead')!.textContent).toContain('Промежуточная');
		expect(table.textContent).toContain('без пары входная/промежуточная: 9');
		expect(document.body.textContent).not.toMatch(/итогов/i);
	});

	it('for the whole year compares with итоговая', () => {
		render(CompetenceGrowth, { framework, block, title: 'Рост', filename: 'x' });
		expect(screen.getByTestId('growth').querySelector('thead')!.textContent).toContain('Итоговая');
	});

	it('writes levels, gains and figures the Russian way: 2,03, +0,31, 24,1 %, 0,36', () => {
		render(CompetenceGrowth, { framework, block, title: 'Рост', filename: 'x' });
		const text = document.body.textContent!;
		expect(text).toContain('2,03');
		expect(text).toContain('+0,31');
		expect(text).toContain('24,1\u00a0%');
		expect(text).toContain('0,36');
		expect(text).not.toMatch(/\d\.\d/);
	});
});
