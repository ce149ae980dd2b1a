import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/adminPeople';
import { plural } from '../plural';
import { number } from '../format';

const n0 = (n: number) => number(n, 0, 'en');

/** English for the same keys and parameters as ru/adminPeople.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'adminPeople.title': 'People and roles',
	'adminPeople.back': 'Administration',
	'adminPeople.auditLink': 'Role change log',

	'adminPeople.find': 'Find a person',
	'adminPeople.search': 'Full name or e-mail',
	'adminPeople.searchHint': 'Case and «ё» do not matter; part of a surname or an address will do.',
	'adminPeople.searchEmpty': (total: number) =>
		`Type a full name or an e-mail — searching ${n0(total)} ${plural(total, 'person', 'people')}.`,
	'adminPeople.found': (total: number) => `Found: ${n0(total)}`,
	'adminPeople.foundShown': (shown: number, total: number) =>
		`Found: ${n0(total)}. Showing the first ${n0(shown)} — narrow the search.`,
	'adminPeople.nobody': 'Nobody found. Check the spelling or search by e-mail.',
	'adminPeople.results': 'Search results',
	'adminPeople.noSchool': 'no school',
	'adminPeople.noEmail': 'no e-mail',
	'adminPeople.hasAccount': 'has signed in',
	'adminPeople.notYet': 'not signed in yet',

	'adminPeople.close': 'Close the card',
	'adminPeople.school': (name: string) => `School: ${name}`,
	'adminPeople.roles': 'Roles',
	'adminPeople.noRoles': 'No roles — this person sees nothing in the app.',
	'adminPeople.roleIn': (role: string, org: string) => `${role} — ${org}`,
	'adminPeople.unknownOrg': 'organisation deleted',
	'adminPeople.end': 'End',
	'adminPeople.endLabel': (role: string, org: string) => `End the role «${role}» — ${org}`,
	'adminPeople.endTitle': 'End the role?',
	'adminPeople.endText': (name: string, role: string, org: string) =>
		`${name} will no longer be «${role}» in «${org}». On their next sync this person's devices lose what the role gave. Their records are kept.`,
	'adminPeople.endConfirm': 'Yes, end it',
	'adminPeople.ended': (name: string, role: string) =>
		`${name}: the role «${role}» has ended. The change goes to the server with the next sync.`,
	'adminPeople.notYours': 'given by the administrator',

	'adminPeople.grantTitle': 'Give another role',
	'adminPeople.grantOrg': 'Organisation for the new role',
	'adminPeople.grantRole': 'New role',
	'adminPeople.grant': 'Give the role',
	'adminPeople.granted': (name: string, role: string, org: string) =>
		`${name}: given the role «${role}» in «${org}». The change goes to the server with the next sync.`,
	'adminPeople.alreadyHolds': 'This person already holds this role in this organisation',

	'adminPeople.moveTitle': 'Move to another school',
	'adminPeople.moveText':
		'The teacher and mentor roles move to the new school; self-assessments, development plans and other records stay with the person.',
	'adminPeople.moveSchool': 'New school',
	'adminPeople.move': 'Move',
	'adminPeople.moveConfirmTitle': 'Move to another school?',
	'adminPeople.moveConfirmText': (name: string, from: string, to: string) =>
		`${name}: from «${from}» to «${to}». The whole history is kept; the former school's methodist stops seeing the records, the new one's starts.`,
	'adminPeople.moveConfirm': 'Yes, move',
	'adminPeople.moved': (name: string, to: string) =>
		`${name}: moved to «${to}» on the server. Devices receive it with the next sync.`,
	'adminPeople.moveNoSchool': 'This person has no school to move from. Give a role in the right school instead.',

	'adminPeople.inviteTitle': 'Invite by e-mail',
	'adminPeople.inviteText':
		'The person gets access when they sign in to Trajectory with this e-mail (by the link in the e-mail). The invitation is saved on the device and goes to the server with the next sync.',
	'adminPeople.org': 'Organisation',
	'adminPeople.orgChoose': '— choose an organisation —',
	'adminPeople.role': 'Role in the organisation',
	'adminPeople.roleChoose': '— choose an organisation first —',
	'adminPeople.fullName': 'Full name',
	'adminPeople.email': 'E-mail',
	'adminPeople.position': 'Position',
	'adminPeople.birthYear': 'Year of birth',
	'adminPeople.experience': 'Teaching experience, years',
	'adminPeople.education': 'Education',
	'adminPeople.inviteHint': 'The rest (subjects, category) the person fills in in their profile.',
	'adminPeople.invite': 'Invite',
	'adminPeople.inviting': 'Saving…',
	'adminPeople.invited': (name: string, role: string, org: string) =>
		`${name}: invitation saved («${role}» in «${org}»). It goes to the server with the next sync.`,
	'adminPeople.emailTaken': 'Someone already has this e-mail — find them and give the role',
	'adminPeople.roleNotYours': 'This role is given here by the administrator',
	'adminPeople.kind.region': 'Region',
	'adminPeople.kind.municipality': 'Municipalities',
	'adminPeople.kind.school': 'Schools',
	'adminPeople.kind.methodical_association': 'Subject groups',
	'adminPeople.noOrganizations': 'There is no organisation you may invite to.',

	'adminPeople.pendingTitle': 'Invitations waiting for a sign-in',
	'adminPeople.pendingText':
		'These people have not signed in yet. The e-mail can be sent again, or the invitation withdrawn.',
	'adminPeople.pendingNone': 'No invitations are waiting.',
	'adminPeople.pendingLoading': 'Loading invitations…',
	'adminPeople.pendingReload': 'Refresh the list',
	'adminPeople.invitedOn': (date: string) => `invited on ${date}`,
	'adminPeople.noMembership': 'no role',
	'adminPeople.resend': 'Send the invitation again',
	'adminPeople.resendLabel': (name: string) => `Send the invitation again: ${name}`,
	'adminPeople.resent': (email: string) => `The sign-in link was sent again to ${email}.`,
	'adminPeople.withdraw': 'Withdraw',
	'adminPeople.withdrawLabel': (name: string) => `Withdraw the invitation: ${name}`,
	'adminPeople.withdrawTitle': 'Withdraw the invitation?',
	'adminPeople.withdrawText': (name: string, email: string) =>
		`${name} (${email}) will not be able to sign in with this invitation; the profile and its roles are deleted.`,
	'adminPeople.withdrawConfirm': 'Yes, withdraw',
	'adminPeople.withdrawn': (name: string) => `The invitation for ${name} is withdrawn: it no longer lets anyone in.`,

	'adminPeople.needsServer': 'This part works with the server only: sign in to your account.',
	'adminPeople.offline': 'No connection to the server. Connect to the internet and try again.',
	'adminPeople.problem.offline': 'No connection to the server — nothing changed. Try again once you are online.',
	'adminPeople.problem.forbidden': 'Not allowed: this is outside your organisations.',
	'adminPeople.problem.rejected':
		'The server refused: the person may have signed in already, or the record changed. Refresh the list.',
	'adminPeople.problem.rate_limited': 'The e-mail was sent a moment ago. Wait a minute and try again.',

	'adminPeople.auditTitle': 'Role change log',
	'adminPeople.auditText': 'Who changed which role or invitation, and when. Log entries cannot be changed or deleted.',
	'adminPeople.auditEmpty': 'No entries yet.',
	'adminPeople.auditLoading': 'Loading the log…',
	'adminPeople.auditMore': 'Show more',
	'adminPeople.auditEnd': 'That is every entry.',
	'adminPeople.auditWho': (name: string) => `By: ${name}`,
	'adminPeople.auditSystem': 'By: the system (setup or a script)',
	'adminPeople.auditWhom': (name: string) => `Whom: ${name}`,
	'adminPeople.auditUnknownPerson': 'profile deleted',
	'adminPeople.action.grant': (role: string, org: string) => `Role «${role}» given in «${org}»`,
	'adminPeople.action.change': (oldRole: string, oldOrg: string, role: string, org: string) =>
		`Role changed: «${oldRole}» in «${oldOrg}» → «${role}» in «${org}»`,
	'adminPeople.action.end': (role: string, org: string) => `Role «${role}» in «${org}» ended`,
	'adminPeople.action.invite': (role: string, org: string) => `Invitation: role «${role}» in «${org}»`,
	'adminPeople.action.withdraw': 'Invitation withdrawn',
	'adminPeople.action.move': (oldOrg: string, org: string) => `Moved from «${oldOrg}» to «${org}»`,
	'adminPeople.auditNone': '—',

	'adminPeople.muniTitle': 'School methodists',
	'adminPeople.muniText':
		'Invite a methodist, teacher or mentor to a school of your municipality. They get access when they sign in with this e-mail.',
	'adminPeople.muniBack': 'Municipal figures',
	'adminPeople.muniNone': 'No municipality found: your municipal methodist role is not tied to a municipality.',
	'adminPeople.muniEmailNote':
		'Your device holds no profiles of the schools, so the server checks for a repeated e-mail: it will not accept such an invitation.'
};
