import type { Id } from '$lib/domain/common';
import type { Deficit } from '$lib/domain/deficit';
import type { PlanAction } from '$lib/domain/development-plan';
import type { Framework } from '$lib/domain/framework';
import type { Observation } from '$lib/domain/observation';
import type { Profile } from '$lib/domain/profile';
import type { AppDatabase } from '$lib/db/database';
import * as deficits from '$lib/db/deficits';
import * as frameworks from '$lib/db/frameworks';
import * as mentoring from '$lib/db/mentoring';
import * as observations from '$lib/db/observations';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';

/** An observation in a list, with the other person's profile (the teacher, or the observer). */
export interface ObservationItem {
	observation: Observation;
	person: Profile | undefined;
}

async function withPeople(
	db: AppDatabase,
	list: Observation[],
	who: (o: Observation) => Id
): Promise<ObservationItem[]> {
	const ids = [...new Set(list.map(who))];
	const people = new Map(
		(await Promise.all(ids.map((id) => profiles.get(db, id)))).flatMap((p) => (p ? [[p.id, p] as const] : []))
	);
	return list.map((observation) => ({ observation, person: people.get(who(observation)) }));
}

/** The visits a person made (as mentor, methodist or colleague), newest first, with whom they observed. */
export async function loadVisits(db: AppDatabase, observerId: Id): Promise<ObservationItem[]> {
	return withPeople(db, await observations.listByObserver(db, observerId), (o) => o.teacherId);
}

/** Observations of a teacher's lessons that were handed over, newest first, with who observed. */
export async function loadObservedLessons(db: AppDatabase, teacherId: Id): Promise<ObservationItem[]> {
	return withPeople(db, await observations.listForTeacher(db, teacherId), (o) => o.observerId);
}

/** Whom a person may visit: their active mentees first, then the other teachers of their school. */
export interface Candidates {
	me: Profile | undefined;
	mentees: Profile[];
	colleagues: Profile[];
}

export async function loadCandidates(
	db: AppDatabase,
	profileId: Id,
	options: { mentees: boolean }
): Promise<Candidates> {
	const me = await profiles.get(db, profileId);
	const pairs = options.mentees
		? (await mentoring.pairsOfMentor(db, profileId)).filter((p) => p.status === 'active')
		: [];
	const menteeIds = new Set(pairs.map((p) => p.menteeId));
	const school = me?.schoolId ? await profiles.listForSchool(db, me.schoolId) : [];
	const found = await Promise.all([...menteeIds].map((id) => profiles.get(db, id)));
	const mentees = found.filter((p): p is Profile => !!p).sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
	const colleagues = school.filter((p) => p.id !== profileId && !menteeIds.has(p.id));
	return { me, mentees, colleagues };
}

/** Everything the read-only protocol shows. */
export interface ProtocolData {
	observation: Observation;
	framework: Framework;
	teacher: Profile | undefined;
	observer: Profile | undefined;
	/** Deficits and plan actions the recommendations became, as far as they are on this device. */
	deficits: Map<Id, Deficit>;
	actions: Map<Id, PlanAction>;
}

export async function loadProtocol(db: AppDatabase, id: Id): Promise<ProtocolData | null> {
	const observation = await observations.get(db, id);
	if (!observation) return null;
	const [framework, teacher, observer] = await Promise.all([
		frameworks.get(db, observation.frameworkId),
		profiles.get(db, observation.teacherId),
		profiles.get(db, observation.observerId)
	]);
	const deficitIds = observation.recommendations.flatMap((r) => (r.deficitId ? [r.deficitId] : []));
	const actionIds = observation.recommendations.flatMap((r) => (r.actionId ? [r.actionId] : []));
	const [foundDeficits, foundActions] = await Promise.all([
		Promise.all(deficitIds.map((d) => deficits.get(db, d))),
		Promise.all(actionIds.map((a) => plans.getAction(db, a)))
	]);
	return {
		observation,
		framework,
		teacher,
		observer,
		deficits: new Map(foundDeficits.flatMap((d) => (d ? [[d.id, d] as const] : []))),
		actions: new Map(foundActions.flatMap((a) => (a ? [[a.id, a] as const] : [])))
	};
}
