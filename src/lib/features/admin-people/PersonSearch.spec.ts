// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { i18n } from '$lib/i18n/i18n.svelte';
import { uuid } from '$lib/domain/testing/builders';
import PersonSearch from './PersonSearch.svelte';
import { PeopleIndex, SHOWN, type Person } from './search';

beforeAll(() => i18n.ensure('admin'));
afterEach(cleanup);

const SURNAMES = ['Иванова', 'Петрова', 'Смирнова', 'Кузнецова', 'Попова', 'Фёдорова'];

/** A region's worth of people: 30 000, one in six a Фёдорова, e-mails by number. */
function region(n = 30_000): Person[] {
	return Array.from({ length: n }, (_, i) => ({
		id: uuid(100_000 + i),
		fullName: `${SURNAMES[i % SURNAMES.length]} Анна ${String(i).padStart(5, '0')}`,
		email: `person${i}@school${i % 700}.ru`,
		schoolId: i % 2 ? uuid(7) : null,
		userId: i % 3 ? uuid(200_000 + i) : null
	}));
}

function setup(people = region()) {
	const index = new PeopleIndex(people);
	const onselect = vi.fn();
	render(PersonSearch, {
		props: { index, schoolName: (id: string | null) => (id ? 'СОШ № 1' : null), onselect }
	});
	return { input: screen.getByLabelText('ФИО или e-mail'), onselect };
}

const shown = () => within(screen.getByRole('list', { name: 'Результаты поиска' })).queryAllByRole('button');

describe('finding a person across the deployment', () => {
	it('shows at most 50 of 30 000 people with the count of all matches, and no one before a query', async () => {
		const { input } = setup();
		expect(shown()).toHaveLength(0);
		expect(screen.getByTestId('people-count')).toHaveTextContent('поиск по 30 000 людям');
		await fireEvent.input(input, { target: { value: 'федорова' } });
		expect(shown()).toHaveLength(SHOWN);
		expect(screen.getByTestId('people-count')).toHaveTextContent('Найдено: 5 000. Показаны первые 50');
		// By name: the first Фёдоровы in order.
		expect(shown()[0]).toHaveTextContent('Фёдорова Анна 00005');
	});

	it('ignores case and ё, finds by e-mail, and narrows with every word', async () => {
		const { input, onselect } = setup();
		await fireEvent.input(input, { target: { value: 'ФЁДОРОВА  12341' } });
		expect(shown().map((b) => b.querySelector('.name')?.textContent)).toEqual(['Фёдорова Анна 12341']);
		expect(screen.getByTestId('people-count')).toHaveTextContent('Найдено: 1');
		await fireEvent.input(input, { target: { value: 'PERSON29999@' } });
		expect(shown()).toHaveLength(1);
		expect(shown()[0]).toHaveTextContent('person29999@school599.ru · СОШ № 1 · вошёл(ла) в приложение');
		await fireEvent.click(shown()[0]!);
		expect(onselect).toHaveBeenCalledWith(uuid(129_999));
		await fireEvent.input(input, { target: { value: 'Сидорова' } });
		expect(shown()).toHaveLength(0);
		expect(screen.getByTestId('people-count')).toHaveTextContent('Никого не нашли');
	});

	it('filters 30 000 people fast enough to follow typing', () => {
		const index = new PeopleIndex(region());
		const started = performance.now();
		for (const q of ['и', 'ив', 'ива', 'иван', 'ивано', 'иванова 1']) index.find(q);
		// Six keystrokes; a frame is 16 ms, and a slow shared CI machine gets ten times that.
		expect(performance.now() - started).toBeLessThan(6 * 160);
	});
});
