import { describe, expect, it } from 'vitest';
import { ADMIN, grantable, grantorOf, lookup, mayGive, rolesOn } from './grants';
import { buildMembership, buildOrganization, uuid } from './testing/builders';

const region = buildOrganization({ id: uuid(1), kind: 'region', name: 'Область', parentId: null });
const north = buildOrganization({ id: uuid(2), kind: 'municipality', name: 'Северный округ', parentId: region.id });
const south = buildOrganization({ id: uuid(3), kind: 'municipality', name: 'Южный округ', parentId: region.id });
const school1 = buildOrganization({ id: uuid(4), kind: 'school', name: 'СОШ № 1', parentId: north.id });
const school2 = buildOrganization({ id: uuid(5), kind: 'school', name: 'СОШ № 2', parentId: north.id });
const southSchool = buildOrganization({ id: uuid(6), kind: 'school', name: 'СОШ № 9', parentId: south.id });
const association = buildOrganization({
	id: uuid(7),
	kind: 'methodical_association',
	name: 'ШМО математиков',
	parentId: school1.id
});
const closed = buildOrganization({
	id: uuid(8),
	kind: 'school',
	name: 'Закрытая школа',
	parentId: north.id,
	closedOn: '2026-06-01'
});
const ALL = [region, north, south, school1, school2, southSchool, association, closed];
const byId = lookup(ALL);

const municipal = grantorOf([buildMembership({ organizationId: north.id, role: 'municipal_methodist' })]);
const schoolMethodist = grantorOf([buildMembership({ organizationId: school1.id, role: 'school_methodist' })]);

describe('who may give which role where', () => {
	it('lets an administrator give every role, each on its kind of organisation', () => {
		expect(rolesOn(ADMIN, region, byId)).toEqual(['admin']);
		expect(rolesOn(ADMIN, south, byId)).toEqual(['municipal_methodist']);
		expect(rolesOn(ADMIN, southSchool, byId)).toEqual(['teacher', 'mentor', 'school_methodist']);
		expect(rolesOn(ADMIN, association, byId)).toEqual([]);
	});

	it('reads an administrator from a live admin membership only', () => {
		expect(grantorOf([buildMembership({ organizationId: region.id, role: 'admin' })]).admin).toBe(true);
		expect(
			grantorOf([buildMembership({ organizationId: region.id, role: 'admin', deletedAt: '2026-10-01T00:00:00Z' })])
				.admin
		).toBe(false);
	});

	it('lets a municipal methodist give school methodist, teacher and mentor in the schools of its municipality', () => {
		expect(rolesOn(municipal, school1, byId)).toEqual(['teacher', 'mentor', 'school_methodist']);
		expect(rolesOn(municipal, school2, byId)).toEqual(['teacher', 'mentor', 'school_methodist']);
		expect(rolesOn(municipal, southSchool, byId)).toEqual([]);
	});

	it('never lets anyone but an administrator make an administrator or a municipal methodist', () => {
		for (const grantor of [municipal, schoolMethodist]) {
			for (const org of ALL) {
				expect(mayGive(grantor, 'admin', org, byId)).toBe(false);
				expect(mayGive(grantor, 'municipal_methodist', org, byId)).toBe(false);
			}
		}
		expect(mayGive(ADMIN, 'municipal_methodist', north, byId)).toBe(true);
	});

	it('lets a school methodist give teacher and mentor in its own school and nothing elsewhere', () => {
		expect(rolesOn(schoolMethodist, school1, byId)).toEqual(['teacher', 'mentor']);
		expect(rolesOn(schoolMethodist, school2, byId)).toEqual([]);
		expect(mayGive(schoolMethodist, 'school_methodist', school1, byId)).toBe(false);
	});

	it('lists the open organisations a role can be given on', () => {
		const names = (orgs: { name: string }[]) => orgs.map((o) => o.name);
		expect(names(grantable(municipal, ALL, '2026-12-07'))).toEqual(['СОШ № 1', 'СОШ № 2']);
		expect(names(grantable(ADMIN, ALL, '2026-12-07'))).toEqual([
			'Область',
			'Северный округ',
			'Южный округ',
			'СОШ № 1',
			'СОШ № 2',
			'СОШ № 9'
		]);
		// Before it closed, the school still took people.
		expect(names(grantable(municipal, ALL, '2026-05-31'))).toContain('Закрытая школа');
	});
});
