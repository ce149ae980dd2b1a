import { describe, expect, it } from 'vitest';
import { uuid } from '$lib/domain/testing/builders';
import { refusalGroups } from './backup';

describe('the import report', () => {
	it('groups refusals by reason in a fixed order, each with its count per kind of record, most first', () => {
		const groups = refusalGroups([
			{ table: 'profiles', id: uuid(1), reason: 'not-yours' },
			{ table: 'plan_actions', id: uuid(2), reason: 'invalid' },
			{ table: 'plan_actions', id: uuid(3), reason: 'not-yours' },
			{ table: 'plan_actions', id: uuid(4), reason: 'not-yours' },
			{ table: 'organizations', id: uuid(5), reason: 'shared' }
		]);
		expect(groups).toEqual([
			{ reason: 'invalid', count: 1, tables: [{ table: 'plan_actions', count: 1 }] },
			{
				reason: 'not-yours',
				count: 3,
				tables: [
					{ table: 'plan_actions', count: 2 },
					{ table: 'profiles', count: 1 }
				]
			},
			{ reason: 'shared', count: 1, tables: [{ table: 'organizations', count: 1 }] }
		]);
	});

	it('is empty when nothing was refused', () => {
		expect(refusalGroups([])).toEqual([]);
	});
});
