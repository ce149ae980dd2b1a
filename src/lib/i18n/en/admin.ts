import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/admin';
import { plural } from '../plural';
import { messages as adminOrgs } from './adminOrgs';
import { messages as adminPeople } from './adminPeople';
import { messages as adminFrameworks } from './adminFrameworks';
import { messages as adminSettings } from './adminSettings';
import { messages as erasure } from './erasure';

/** English for the same keys and parameters as ru/admin.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	...adminOrgs,
	...adminPeople,
	...adminFrameworks,
	...adminSettings,
	...erasure,

	'admin.title': 'Administration',
	'admin.organizations': 'Organisations',
	'admin.framework': (title, version) => `${title}, version ${version}`,
	'admin.staffImport': 'Import a municipality’s staff list',
	'admin.tree': 'Organisation structure',
	'admin.frameworkTitle': 'Competency framework',
	'admin.orgKind.region': 'Region',
	'admin.orgKind.municipality': 'Municipality',
	'admin.orgKind.school': 'School',
	'admin.orgKind.methodical_association': 'Methodical association',
	'admin.empty': 'No organisations yet. Load the demo data to see the structure.',
	'admin.indicators': (n) => `${n} ${plural(n, 'indicator', 'indicators')}`,
	'admin.intro':
		'Organisation structure, people and roles, competency frameworks, academic years and the region’s settings.',
	'admin.count.region': (n) => `${n} ${plural(n, 'region', 'regions')}`,
	'admin.count.municipality': (n) => `${n} ${plural(n, 'municipality', 'municipalities')}`,
	'admin.count.school': (n) => `${n} ${plural(n, 'school', 'schools')}`,
	'admin.count.methodical_association': (n) => `${n} ${plural(n, 'methodical association', 'methodical associations')}`,
	'admin.openOrganizations': 'Open the structure',
	'admin.people': 'People and roles',
	'admin.peopleText': 'Find a person, invite with a role, end or move a membership, the log of role changes.',
	'admin.openPeople': 'People and invitations',
	'admin.openAudit': 'Change log',
	'admin.frameworkInUse': (year) => `In use in the ${year} academic year`,
	'admin.openFrameworks': 'Framework versions',
	'admin.settings': 'Years and settings',
	'admin.settingsText': 'Entry, intermediate and final monitoring windows, growth threshold, group size, targets.',
	'admin.openSettings': 'Open the settings'
};
