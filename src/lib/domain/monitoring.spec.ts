import { describe, expect, it } from 'vitest';
import { buildOrganization } from './testing/builders';
import { stageOn, windowFor, windowProblem } from './monitoring';
import { organizationSchema } from './schemas/organization';

const REGION = '00000000-0000-4000-8000-00000000a001';
const MUNICIPALITY = '00000000-0000-4000-8000-00000000a002';
const SCHOOL = '00000000-0000-4000-8000-00000000a003';

const tree = [
	buildOrganization({
		id: REGION,
		kind: 'region',
		parentId: null,
		lowResults: false,
		monitoring: {
			'2026': {
				entry: { from: '2026-09-01', to: '2026-10-31' },
				final: { from: '2027-04-01', to: '2027-05-31' }
			}
		}
	}),
	buildOrganization({
		id: MUNICIPALITY,
		kind: 'municipality',
		parentId: REGION,
		lowResults: false,
		monitoring: { '2026': { entry: { from: '2026-09-15', to: '2026-10-15' } } }
	}),
	buildOrganization({ id: SCHOOL, parentId: MUNICIPALITY })
];

describe('monitoring windows', () => {
	it('apply the municipality’s narrowed window to its schools, else the region’s', () => {
		expect(windowFor(tree, SCHOOL, 2026, 'entry')).toEqual({ from: '2026-09-15', to: '2026-10-15' });
		expect(windowFor(tree, SCHOOL, 2026, 'final')).toEqual({ from: '2027-04-01', to: '2027-05-31' });
		expect(windowFor(tree, SCHOOL, 2026, 'intermediate')).toBeNull();
		expect(windowFor(tree, SCHOOL, 2025, 'entry')).toBeNull();
	});

	it('tell the stage of a date', () => {
		expect(stageOn(tree, SCHOOL, 2026, '2026-09-20')).toBe('entry');
		// Inside the region's entry window but outside the municipality's narrower one.
		expect(stageOn(tree, SCHOOL, 2026, '2026-09-05')).toBeNull();
		expect(stageOn(tree, SCHOOL, 2026, '2027-05-31')).toBe('final');
	});

	it('refuse a window out of order, outside its academic year or outside the region’s', () => {
		expect(windowProblem({ from: '2026-10-01', to: '2026-09-30' }, 2026)).toBe('order');
		expect(windowProblem({ from: '2026-08-31', to: '2026-09-30' }, 2026)).toBe('outside_year');
		expect(windowProblem({ from: '2027-08-01', to: '2027-09-01' }, 2026)).toBe('outside_year');
		expect(
			windowProblem({ from: '2026-09-01', to: '2026-10-20' }, 2026, { from: '2026-09-01', to: '2026-10-15' })
		).toBe('outside_region');
		expect(windowProblem({ from: '2026-09-01', to: '2026-09-01' }, 2026)).toBeNull();
		expect(windowProblem({ from: '2026-09-01', to: '2026-09-31' }, 2026)).toBe('format');
	});

	it('are validated with the organisation row, and only regions and municipalities carry them', () => {
		const base = { ...tree[1]! };
		expect(organizationSchema.validate(base)).toEqual([]);
		expect(
			organizationSchema.validate({
				...base,
				monitoring: { '2026': { entry: { from: '2026-10-02', to: '2026-10-01' } } }
			})
		).toEqual([{ path: 'monitoring.2026.entry.to', code: 'date_before', params: { min: '2026-10-02' } }]);
		expect(
			organizationSchema.validate({
				...base,
				monitoring: { '2026': { spring: { from: '2026-10-01', to: '2026-10-02' } } }
			})
		).toMatchObject([{ path: 'monitoring.2026.spring', code: 'invalid_option' }]);
		expect(
			organizationSchema.validate({
				...base,
				monitoring: { '2026': { entry: { from: '2026-01-01', to: '2026-10-02' } } }
			})
		).toMatchObject([{ path: 'monitoring.2026.entry', code: 'out_of_range' }]);
		expect(organizationSchema.validate({ ...tree[2]!, monitoring: tree[1]!.monitoring })).toMatchObject([
			{ path: 'monitoring', code: 'not_allowed' }
		]);
		expect(organizationSchema.validate({ ...base, closedOn: '2026-02-30' })).toMatchObject([
			{ path: 'closedOn', code: 'invalid_date' }
		]);
	});
});
