import { describe, expect, it } from 'vitest';
import { IDS, uuid } from './testing/builders';
import { byUrgency, writtenAt, type Recommendation } from './recommendation';

let next = 0;
function buildRecommendation(overrides: Partial<Recommendation> = {}): Recommendation {
	next += 1;
	return {
		id: uuid(6000 + next),
		version: 1,
		updatedAt: '2026-10-05T09:00:00.000Z',
		updatedBy: IDS.methodist,
		deletedAt: null,
		authorId: IDS.methodist,
		organizationId: IDS.school,
		teacherId: null,
		body: 'Провести методический день',
		dueOn: null,
		doneAt: null,
		doneBy: null,
		createdAt: '2026-10-05T09:00:00.000Z',
		...overrides
	};
}

describe('when a recommendation was written', () => {
	it('is its creation time, or for an older copy without one, its last change', () => {
		expect(
			writtenAt(buildRecommendation({ createdAt: '2026-09-20T09:00:00.000Z', updatedAt: '2026-10-05T09:00:00.000Z' }))
		).toBe('2026-09-20T09:00:00.000Z');
		expect(writtenAt(buildRecommendation({ createdAt: undefined, updatedAt: '2026-10-05T09:00:00.000Z' }))).toBe(
			'2026-10-05T09:00:00.000Z'
		);
	});
});

describe('the order of a list of recommendations', () => {
	it('puts open ones first by due date, then done ones, the most recently written first, however recently edited', () => {
		const dueSoon = buildRecommendation({ dueOn: '2026-11-01' });
		const undatedOld = buildRecommendation({
			createdAt: '2026-09-10T09:00:00.000Z',
			updatedAt: '2026-11-20T09:00:00.000Z'
		});
		const undatedNew = buildRecommendation({
			createdAt: '2026-10-10T09:00:00.000Z',
			updatedAt: '2026-10-10T09:00:00.000Z'
		});
		const doneOld = buildRecommendation({
			createdAt: '2026-09-01T09:00:00.000Z',
			updatedAt: '2026-11-21T09:00:00.000Z',
			doneAt: '2026-11-21T09:00:00.000Z',
			doneBy: IDS.teacher
		});
		const doneNew = buildRecommendation({
			createdAt: undefined,
			updatedAt: '2026-10-01T09:00:00.000Z',
			doneAt: '2026-10-01T09:00:00.000Z',
			doneBy: IDS.teacher
		});
		const sorted = [doneOld, undatedOld, doneNew, undatedNew, dueSoon].sort(byUrgency);
		expect(sorted.map((r) => r.id)).toEqual([dueSoon.id, undatedNew.id, undatedOld.id, doneNew.id, doneOld.id]);
	});
});
