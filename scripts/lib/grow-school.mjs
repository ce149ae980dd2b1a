// The demo school grown to many teachers, for the dashboards' bench (issue 18: «the school
// dashboard with 100 teachers»): the school methodist's screens must stay linear in their data.

/**
 * Grow the guest's demo school to about `teachers` teachers: copies of its teachers (new people
 * with the same profiles), each with copies of her own rows — assessments, deficits, plans and
 * their actions, activities, observations, the pairs she is the mentee of and their sessions — so
 * the rows grow with the staff as in a real school. Written into the guest database past the app,
 * as synced rows would arrive. The page must be on the app's origin with the demo loaded.
 * @param {import('playwright-core').Page} page
 * @param {number} teachers
 * @returns {Promise<number>} the school's teachers afterwards
 */
export async function growSchool(page, teachers) {
	return page.evaluate(
		(target) =>
			new Promise((resolve, reject) => {
				const TABLES = [
					'organizations',
					'memberships',
					'profiles',
					'assessments',
					'deficits',
					'development_plans',
					'plan_actions',
					'activities',
					'observations',
					'mentoring_pairs',
					'mentoring_sessions'
				];
				const open = indexedDB.open('trajectory-guest');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(TABLES, 'readwrite');
					/** @typedef {Record<string, any> & { id: string }} Row */
					/** @type {Record<string, Row[]>} */
					const rows = {};
					let pending = TABLES.length;
					for (const name of TABLES) {
						const all = tx.objectStore(name).getAll();
						all.onsuccess = () => {
							rows[name] = all.result;
							if (--pending === 0) grow();
						};
					}
					let after = 0;
					const grow = () => {
						const demo = rows.organizations.find((o) => o.kind === 'school' && String(o.name).includes('Кадниковская'));
						if (!demo) return reject(new Error('the demo school is not on the device'));
						const teaching = rows.memberships.filter(
							(m) => m.organizationId === demo.id && (m.role === 'teacher' || m.role === 'mentor') && !m.deletedAt
						);
						const teacherIds = [...new Set(teaching.map((m) => m.profileId))];
						const byTeacher = (/** @type {string} */ table, /** @type {string} */ key = 'teacherId') => {
							/** @type {Map<string, Row[]>} */
							const map = new Map();
							for (const r of rows[table]) map.set(r[key], [...(map.get(r[key]) ?? []), r]);
							return map;
						};
						const own = {
							assessments: byTeacher('assessments'),
							deficits: byTeacher('deficits'),
							development_plans: byTeacher('development_plans'),
							activities: byTeacher('activities'),
							observations: byTeacher('observations'),
							mentoring_pairs: byTeacher('mentoring_pairs', 'menteeId')
						};
						const actionsOf = byTeacher('plan_actions', 'planId');
						const sessionsOf = byTeacher('mentoring_sessions', 'pairId');
						const people = new Map(rows.profiles.map((p) => [p.id, p]));
						const put = (/** @type {string} */ table, /** @type {Row} */ row) => tx.objectStore(table).put(row);
						let count = teacherIds.length;
						for (let copy = 1; count < target; copy++) {
							for (const teacherId of teacherIds) {
								if (count >= target) break;
								const person = people.get(teacherId);
								if (!person) continue;
								const id = crypto.randomUUID();
								/** @type {Map<string, string>} */
								const ids = new Map([[teacherId, id]]);
								const fresh = (/** @type {string} */ old) => {
									const next = crypto.randomUUID();
									ids.set(old, next);
									return next;
								};
								const mapped = (/** @type {string | null} */ old) => (old && ids.has(old) ? ids.get(old) : old);
								put('profiles', {
									...person,
									id,
									userId: null,
									email: null,
									fullName: `${person.fullName} (${copy + 1})`
								});
								for (const m of teaching.filter((m) => m.profileId === teacherId))
									put('memberships', { ...m, id: crypto.randomUUID(), profileId: id });
								for (const a of own.assessments.get(teacherId) ?? [])
									put('assessments', { ...a, id: fresh(a.id), teacherId: id });
								for (const d of own.deficits.get(teacherId) ?? [])
									put('deficits', {
										...d,
										id: fresh(d.id),
										teacherId: id,
										sourceAssessmentId: mapped(d.sourceAssessmentId)
									});
								for (const p of own.development_plans.get(teacherId) ?? []) {
									const planId = fresh(p.id);
									put('development_plans', {
										...p,
										id: planId,
										teacherId: id,
										deficitIds: (p.deficitIds ?? []).map(mapped)
									});
									for (const a of actionsOf.get(p.id) ?? [])
										put('plan_actions', {
											...a,
											id: crypto.randomUUID(),
											planId,
											teacherId: id,
											deficitId: mapped(a.deficitId)
										});
								}
								for (const a of own.activities.get(teacherId) ?? [])
									put('activities', { ...a, id: crypto.randomUUID(), teacherId: id });
								for (const o of own.observations.get(teacherId) ?? [])
									put('observations', { ...o, id: crypto.randomUUID(), teacherId: id });
								for (const pair of own.mentoring_pairs.get(teacherId) ?? []) {
									const pairId = crypto.randomUUID();
									put('mentoring_pairs', { ...pair, id: pairId, menteeId: id });
									for (const s of sessionsOf.get(pair.id) ?? [])
										put('mentoring_sessions', { ...s, id: crypto.randomUUID(), pairId, menteeId: id });
								}
								count++;
							}
						}
						after = count;
					};
					tx.oncomplete = () => {
						db.close();
						resolve(after);
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		teachers
	);
}
