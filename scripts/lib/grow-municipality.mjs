// The demo municipality grown to many schools, for the print test and the screenshots of a large
// municipality (issue 13: «with a municipality of 60 schools too»).

/**
 * Grow the guest's demo municipality to `schools` schools: copies of the demo school, each with
 * its own teachers (new people with the same profiles), a few flagged ШНОР/ШНСУ, some under 5
 * teachers (withheld) — written into the guest database past the app, as a synced municipality
 * would arrive. The page must be on the app's origin with the demo loaded.
 * @param {import('playwright-core').Page} page
 * @param {number} schools
 * @returns {Promise<void>}
 */
export async function growMunicipality(page, schools) {
	await page.evaluate(
		(count) =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('trajectory-guest');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(['organizations', 'memberships', 'profiles'], 'readwrite');
					const orgs = tx.objectStore('organizations');
					const members = tx.objectStore('memberships');
					const people = tx.objectStore('profiles');
					const all = orgs.getAll();
					all.onsuccess = () => {
						/** @typedef {Record<string, unknown> & { id: string }} Row */
						const rows = /** @type {Row[]} */ (all.result);
						const demo = rows.find((o) => o.kind === 'school' && String(o.name).includes('Кадниковская'));
						if (!demo) return reject(new Error('the demo school is not on the device'));
						const existing = rows.filter((o) => o.kind === 'school' && o.parentId === demo.parentId).length;
						const ms = members.getAll();
						ms.onsuccess = () => {
							const teaching = /** @type {Row[]} */ (ms.result).filter(
								(m) => m.organizationId === demo.id && (m.role === 'teacher' || m.role === 'mentor') && !m.deletedAt
							);
							const ps = people.getAll();
							ps.onsuccess = () => {
								const byId = new Map(/** @type {Row[]} */ (ps.result).map((p) => [p.id, p]));
								for (let n = 0; n < count - existing; n++) {
									const id = crypto.randomUUID();
									const number = n + 2;
									orgs.put({
										...demo,
										id,
										name: `МБОУ «Средняя общеобразовательная школа № ${number} имени героя Советского Союза»`,
										shortName: `СОШ № ${number}`,
										lowResults: n % 7 === 0,
										adverseConditions: n % 11 === 0,
										program500: false
									});
									// Schools of every size: some under 5 teachers (withheld), most full.
									const staff = n % 9 === 0 ? teaching.slice(0, 3) : teaching;
									for (const m of staff) {
										const person = byId.get(/** @type {string} */ (m.profileId));
										if (!person) continue;
										const profileId = crypto.randomUUID();
										people.put({ ...person, id: profileId, userId: null, schoolId: id, email: null });
										members.put({ ...m, id: crypto.randomUUID(), profileId, organizationId: id });
									}
								}
							};
						};
					};
					tx.oncomplete = () => {
						db.close();
						resolve(undefined);
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		schools
	);
}
