import { describe, expect, it } from 'vitest';
import { buildOrganization, codesOf, uuid } from '../testing/builders';
import { organizationSchema } from './organization';

describe('organizationSchema', () => {
	it('accepts a flagged school and a parentless region', () => {
		expect(organizationSchema.validate(buildOrganization())).toEqual([]);
		expect(
			organizationSchema.validate(buildOrganization({ kind: 'region', parentId: null, lowResults: false }))
		).toEqual([]);
	});
	it('needs a parent below the region and none for the region', () => {
		expect(codesOf(organizationSchema.validate(buildOrganization({ parentId: null })))).toEqual(['parentId:required']);
		expect(codesOf(organizationSchema.validate(buildOrganization({ kind: 'region', lowResults: false })))).toEqual([
			'parentId:not_allowed'
		]);
	});
	it('allows the ШНОР/ШНСУ/500+ flags on schools only', () => {
		const muni = buildOrganization({
			kind: 'municipality',
			parentId: uuid(1),
			lowResults: true,
			adverseConditions: true,
			program500: true
		});
		expect(codesOf(organizationSchema.validate(muni))).toEqual([
			'adverseConditions:not_allowed',
			'lowResults:not_allowed',
			'program500:not_allowed'
		]);
	});
	it('needs a name and a known kind', () => {
		expect(codesOf(organizationSchema.validate(buildOrganization({ name: '', kind: 'district' as never })))).toEqual([
			'kind:invalid_option',
			'name:required'
		]);
	});
	it('takes an IANA time zone or none (inherited from the parent)', () => {
		expect(organizationSchema.validate(buildOrganization({ timeZone: 'Asia/Novokuznetsk' }))).toEqual([]);
		expect(organizationSchema.validate(buildOrganization({ timeZone: null }))).toEqual([]);
		expect(codesOf(organizationSchema.validate(buildOrganization({ timeZone: 'Mars/Olympus' })))).toEqual([
			'timeZone:invalid_option'
		]);
		expect(codesOf(organizationSchema.validate(buildOrganization({ timeZone: 'UTC+7' })))).toEqual([
			'timeZone:invalid_option'
		]);
	});
});
