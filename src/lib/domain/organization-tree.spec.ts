import { describe, expect, it } from 'vitest';
import type { Organization } from './organization';
import { bySiblingOrder, childrenByParent, moveTargets, ruleOf, searchTree, treeIssues } from './organization-tree';
import { buildOrganization, uuid } from './testing/builders';

const region = buildOrganization({
	id: uuid(1),
	kind: 'region',
	name: 'Кемеровская область',
	shortName: null,
	parentId: null,
	lowResults: false
});
const north = buildOrganization({
	id: uuid(2),
	kind: 'municipality',
	name: 'Северный МО',
	shortName: null,
	parentId: region.id,
	lowResults: false
});
const south = buildOrganization({
	id: uuid(3),
	kind: 'municipality',
	name: 'Южный МО',
	shortName: null,
	parentId: region.id,
	lowResults: false
});
const school = buildOrganization({ id: uuid(4), name: 'МБОУ «СОШ № 1»', parentId: north.id });

const rules = (issues: ReturnType<typeof treeIssues>) => issues.map((i) => [i.path, ruleOf(i)]);

describe('the organisation tree', () => {
	it('places an organisation only under the kind directly above it, and nothing under a ШМО', () => {
		expect(treeIssues(null, school, north, [])).toEqual([]);
		expect(rules(treeIssues(null, { ...school, parentId: region.id }, region, []))).toEqual([
			['parentId', 'wrong_parent']
		]);
		const shmo = buildOrganization({
			id: uuid(5),
			kind: 'methodical_association',
			parentId: school.id,
			lowResults: false
		});
		expect(rules(treeIssues(null, { ...school, kind: 'methodical_association', parentId: shmo.id }, shmo, []))).toEqual(
			[['parentId', 'no_children']]
		);
		expect(rules(treeIssues(null, school, undefined, []))).toEqual([['parentId', 'parent_missing']]);
	});

	it('leaves a misplaced row alone when only its name changes, as the server does', () => {
		const misplaced = { ...school, parentId: region.id };
		expect(treeIssues(misplaced, misplaced, region, [])).toEqual([]);
	});

	it('refuses to close while something inside is open or closes later, and says how many', () => {
		const closedLater = { ...school, id: uuid(6), closedOn: '2027-01-01' };
		const closedEarlier = { ...school, id: uuid(7), closedOn: '2026-01-01' };
		const issues = treeIssues(north, { ...north, closedOn: '2026-09-01' }, region, [
			school,
			closedLater,
			closedEarlier
		]);
		expect(rules(issues)).toEqual([['closedOn', 'open_children']]);
		expect(issues[0]!.params).toMatchObject({ count: 2 });
		expect(treeIssues(north, { ...north, closedOn: '2026-09-01' }, region, [closedEarlier])).toEqual([]);
	});

	it('keeps nothing open under a closed parent: no new child, no move there, no reopening, no later date', () => {
		const closed = { ...north, closedOn: '2026-09-01' };
		expect(rules(treeIssues(null, school, closed, []))).toEqual([['parentId', 'parent_closed']]);
		const shut = { ...school, closedOn: '2026-06-01' };
		expect(rules(treeIssues(shut, { ...shut, closedOn: null }, closed, []))).toEqual([['closedOn', 'parent_closed']]);
		expect(rules(treeIssues(shut, { ...shut, closedOn: '2026-10-01' }, closed, []))).toEqual([
			['closedOn', 'after_parent']
		]);
		expect(treeIssues(shut, { ...shut, closedOn: '2026-09-01' }, closed, [])).toEqual([]);
		expect(moveTargets(school, [region, closed, south, school])).toEqual([south]);
		expect(moveTargets(region, [region, north])).toEqual([]);
	});

	it('lists open organisations before closed ones, each by name', () => {
		const a = { ...school, id: uuid(8), name: 'Б', closedOn: null };
		const b = { ...school, id: uuid(9), name: 'А', closedOn: '2026-01-01' };
		const c = { ...school, id: uuid(10), name: 'В', closedOn: null };
		expect(bySiblingOrder([b, c, a]).map((o) => o.name)).toEqual(['Б', 'В', 'А']);
		expect(
			childrenByParent([a, b, c, north])
				.get(north.id)!
				.map((o) => o.name)
		).toEqual(['Б', 'В', 'А']);
	});

	it('finds organisations by full or short name whatever the case, ё or quotes, with the way to each', () => {
		const orgs: Organization[] = [
			region,
			north,
			south,
			school,
			buildOrganization({ id: uuid(11), name: 'МБОУ «Ёлкинская ООШ»', shortName: 'ООШ Ёлки', parentId: south.id })
		];
		const found = searchTree(orgs, 'елкинская');
		expect([...found.matches]).toEqual([uuid(11)]);
		expect([...found.shown].sort()).toEqual([region.id, south.id, uuid(11)].sort());
		expect([...searchTree(orgs, '"сош №1"').matches]).toEqual([school.id]);
		expect([...searchTree(orgs, 'ООШ ЁЛКИ').matches]).toEqual([uuid(11)]);
		expect(searchTree(orgs, '  ').shown.size).toBe(0);
	});
});
