// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import type { Organization } from '$lib/domain/organization';
import { childrenByParent, searchTree } from '$lib/domain/organization-tree';
import { buildOrganization, uuid } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import OrgTree from './OrgTree.svelte';

const org = (n: number, overrides: Partial<Organization>) =>
	buildOrganization({ id: uuid(n), shortName: null, lowResults: false, ...overrides });
const region = org(1, { kind: 'region', name: 'Кемеровская область', parentId: null });
const north = org(2, { kind: 'municipality', name: 'Северный МО', parentId: region.id });
const schools = Array.from({ length: 30 }, (_, i) =>
	org(100 + i, { name: `МБОУ «Школа № ${i + 1}»`, parentId: north.id })
);
const closed = org(99, { name: 'МБОУ «Алая школа»', parentId: north.id, closedOn: '2026-09-01' });
const all = [region, north, closed, ...schools];

beforeAll(() => i18n.ensure('admin'));
afterEach(cleanup);

function names() {
	return screen.queryAllByRole('button', { name: /^(Регион|Муниципалитет|Школа) / }).map((b) => b.textContent?.trim());
}

describe('the organisation tree', () => {
	it('shows a region’s municipalities folded with their count, and a municipality’s schools on expanding, closed ones last', async () => {
		const toggled: string[] = [];
		const { rerender } = render(OrgTree, {
			props: {
				kids: childrenByParent(all),
				toggled: {},
				search: null,
				selectedId: null,
				onselect: () => {},
				ontoggle: (id: string) => toggled.push(id)
			}
		});
		expect(names()).toEqual(['Регион Кемеровская область', 'Муниципалитет Северный МО']);
		expect(screen.getByText('31 школа')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Развернуть: Северный МО' }));
		expect(toggled).toEqual([north.id]);
		await rerender({ toggled: { [north.id]: true } });
		const shown = names();
		expect(shown).toHaveLength(33);
		expect(shown.at(-1)).toBe('Школа МБОУ «Алая школа»');
		expect(screen.getByText('закрыта с 1 сентября 2026 г.')).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Свернуть: Северный МО' })).toHaveAttribute('aria-expanded', 'true');
	});

	it('shows only the matches of a search and the way to them', () => {
		render(OrgTree, {
			props: {
				kids: childrenByParent(all),
				toggled: {},
				search: searchTree(all, 'школа № 17'),
				selectedId: schools[16]!.id,
				onselect: () => {},
				ontoggle: () => {}
			}
		});
		expect(names()).toEqual(['Регион Кемеровская область', 'Муниципалитет Северный МО', 'Школа МБОУ «Школа № 17»']);
		expect(screen.getByRole('button', { name: 'Школа МБОУ «Школа № 17»' })).toHaveAttribute('aria-current', 'true');
	});
});
