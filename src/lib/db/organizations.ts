import type { Draft, Id, IsoDate } from '$lib/domain/common';
import { CHILD_KIND, type Organization } from '$lib/domain/organization';
import { treeIssues } from '$lib/domain/organization-tree';
import { organizationSchema } from '$lib/domain/schemas/organization';
import type * as schoolListRules from '$lib/domain/school-list';
import type { SchoolListPlan } from '$lib/domain/school-list';
import type { SheetRow } from '$lib/domain/staff-import';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import { newId } from './ids';
import * as rows from './rows';

export async function get(db: AppDatabase, id: Id): Promise<Organization | undefined> {
	const row = await db.organizations.get(id);
	return row && !row.deletedAt ? row : undefined;
}

export async function listAll(db: AppDatabase): Promise<Organization[]> {
	return rows.alive(await db.organizations.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

export async function children(db: AppDatabase, parentId: Id): Promise<Organization[]> {
	return rows.alive(await db.organizations.where('parentId').equals(parentId).toArray());
}

// ——— The administrator's writes ——————————————————————————————————————————————————————————————
// Each write checks the row against organizationSchema and the tree's rules (organization-tree.ts
// treeIssues, the client's twin of the server's trigger) inside the transaction that writes it, so
// a refused change writes nothing, and nothing another tab changed meanwhile slips past the check.

/** What the administrator types for a new organisation; its kind follows from the parent. */
export interface NewOrganization {
	/** Null: a region. */
	parentId: Id | null;
	name: string;
	shortName: string | null;
	lowResults?: boolean;
	adverseConditions?: boolean;
	program500?: boolean;
	timeZone?: string | null;
}

/** The fields the administrator edits in place (a move and closing have their own verbs). */
export type OrganizationEdit = Partial<
	Pick<Organization, 'name' | 'shortName' | 'lowResults' | 'adverseConditions' | 'program500' | 'timeZone'>
>;

function invalid(issues: Issue[]): LocalWriteError {
	return new LocalWriteError('invalid', issues.map((i) => `${i.path}: ${i.code}`).join('; '), issues);
}

/** Validate `next` (schema and tree) against the row as it is, `before` (null: new), or throw. */
async function check(db: AppDatabase, before: Organization | null, next: Draft<Organization> & { id: Id }) {
	const schema = organizationSchema.validate(next);
	if (schema.length) throw invalid(schema);
	const parent = next.parentId === null ? null : await get(db, next.parentId);
	const tree = treeIssues(before, { ...next, deletedAt: null }, parent, before ? await children(db, next.id) : []);
	if (tree.length) throw invalid(tree);
}

/** Create a region (no parent) or an organisation under `parentId`, of the kind below the parent's. */
export async function create(db: AppDatabase, input: NewOrganization, actor: rows.Actor): Promise<Organization> {
	return rows.transact(db, ['organizations'], async () => {
		const parent = input.parentId === null ? null : await get(db, input.parentId);
		if (input.parentId !== null && !parent)
			throw invalid([issue('parentId', 'not_allowed', { rule: 'parent_missing' })]);
		const kind = parent ? CHILD_KIND[parent.kind] : 'region';
		if (kind === null) throw invalid([issue('parentId', 'not_allowed', { rule: 'no_children' })]);
		const school = kind === 'school';
		const draft: Draft<Organization> & { id: Id } = {
			id: newId(),
			kind,
			name: input.name,
			shortName: input.shortName?.trim() ? input.shortName : null,
			parentId: input.parentId,
			lowResults: school && !!input.lowResults,
			adverseConditions: school && !!input.adverseConditions,
			program500: school && !!input.program500,
			timeZone: input.timeZone ?? null,
			closedOn: null,
			monitoring: {},
			mentorsApprovePlans: false
		};
		await check(db, null, draft);
		return rows.insert(db, 'organizations', draft, actor);
	});
}

async function change(
	db: AppDatabase,
	id: Id,
	patch: Partial<Draft<Organization>>,
	actor: rows.Actor
): Promise<Organization> {
	return rows.transact(db, ['organizations'], async () => {
		const before = await get(db, id);
		if (!before) throw new LocalWriteError('not-found', `organizations/${id}`);
		await check(db, before, { ...before, ...patch });
		return rows.update(db, 'organizations', id, patch, actor, (next) => organizationSchema.validate(next));
	});
}

/** Rename, set a school's flags, set or clear (null: the parent's) the time zone. */
export async function edit(db: AppDatabase, id: Id, patch: OrganizationEdit, actor: rows.Actor): Promise<Organization> {
	const fields: OrganizationEdit = { ...patch };
	if (fields.shortName !== undefined && !fields.shortName?.trim()) fields.shortName = null;
	return change(db, id, fields, actor);
}

/** Move under another parent of the kind above (a school to another municipality). */
export async function move(db: AppDatabase, id: Id, parentId: Id, actor: rows.Actor): Promise<Organization> {
	return change(db, id, { parentId }, actor);
}

/**
 * Close from `date` ('YYYY-MM-DD'): the organisation keeps its history and leaves the reports of
 * the years that start on or after it. Refused while an organisation under it is open.
 */
export async function close(db: AppDatabase, id: Id, date: IsoDate, actor: rows.Actor): Promise<Organization> {
	return change(db, id, { closedOn: date }, actor);
}

/** Open again (the closing date cleared). Refused while the parent is closed. */
export async function reopen(db: AppDatabase, id: Id, actor: rows.Actor): Promise<Organization> {
	return change(db, id, { closedOn: null }, actor);
}

/**
 * The school list's rules, loaded only by the screen that imports one: this module is loaded by
 * every screen, the list's rules (and the staff import's they build on) by the admin's alone.
 * Loaded before a transaction opens, never inside one (IndexedDB commits a transaction that waits
 * on anything else).
 */
type SchoolList = typeof schoolListRules;
const schoolList = (): Promise<SchoolList> => import('$lib/domain/school-list');

/** The schools on record in a municipality and the plan of a school list against them. */
async function planFor(
	db: AppDatabase,
	list: SchoolList,
	municipalityId: Id,
	sheet: readonly SheetRow[]
): Promise<SchoolListPlan> {
	const municipality = await get(db, municipalityId);
	if (!municipality || municipality.kind !== 'municipality')
		throw new LocalWriteError('not-found', `organizations/${municipalityId}`);
	const schools = (await children(db, municipalityId)).filter((o) => o.kind === 'school');
	return list.planSchoolList(sheet, municipalityId, schools);
}

/** What importing a school list into a municipality would do; writes nothing. */
export async function previewSchoolList(
	db: AppDatabase,
	municipalityId: Id,
	sheet: readonly SheetRow[]
): Promise<SchoolListPlan> {
	return planFor(db, await schoolList(), municipalityId, sheet);
}

/**
 * Write the new schools of a school list, all in one transaction: the list is planned again
 * inside it (a school added meanwhile is on record by now, not a second copy), and any refusal
 * (a closed municipality) writes none of them. Returns the plan that was applied.
 */
export async function importSchoolList(
	db: AppDatabase,
	municipalityId: Id,
	sheet: readonly SheetRow[],
	actor: rows.Actor
): Promise<SchoolListPlan> {
	const list = await schoolList();
	return rows.transact(db, ['organizations'], async () => {
		const plan = await planFor(db, list, municipalityId, sheet);
		const drafts = list.newSchools(plan);
		if (drafts.length === 0) return plan;
		const municipality = (await get(db, municipalityId))!;
		const tree = treeIssues(null, { ...drafts[0]!, id: '', deletedAt: null }, municipality, []);
		if (tree.length) throw invalid(tree);
		await rows.insertMany(db, 'organizations', drafts, actor, (d) => organizationSchema.validate(d));
		return plan;
	});
}
