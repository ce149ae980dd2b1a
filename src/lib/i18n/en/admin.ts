import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/admin';
import { plural } from '../plural';

/** English for the same keys and parameters as ru/admin.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
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
	'admin.indicators': (n) => `${n} ${plural(n, 'indicator', 'indicators')}`
};
