import { describe, expect, it } from 'vitest';
import { fromServer, toCamel, toServer, toSnake } from './columns';

describe('client fields and server columns', () => {
	it('convert top-level names both ways', () => {
		for (const [camel, snake] of [
			['teacherId', 'teacher_id'],
			['frameworkVersion', 'framework_version'],
			['plannedMeetings', 'planned_meetings'],
			['className', 'class_name'],
			['id', 'id'],
			['deletedAt', 'deleted_at']
		]) {
			expect(toSnake(camel!)).toBe(snake);
			expect(toCamel(snake!)).toBe(camel);
		}
	});

	it('leave nested keys of jsonb values as they are', () => {
		const fields = {
			plannedMeetings: [{ date: '2026-10-01', topic: 'Старт' }],
			scores: { 'ind-1': 2 },
			history: [{ at: '2026-09-01T10:00:00.000Z', toStatus: 'confirmed' }]
		};
		const server = toServer(fields);
		expect(server).toEqual({
			planned_meetings: fields.plannedMeetings,
			scores: fields.scores,
			history: fields.history
		});
		expect(fromServer(server)).toEqual(fields);
	});

	it('turn a pulled row into the device’s row: instants normalised, sync_txid dropped', () => {
		const row = fromServer({
			id: 'a',
			teacher_id: 't',
			version: 3,
			updated_at: '2026-10-01T10:00:00.123456+00:00',
			submitted_at: '2026-10-01T13:00:00+03:00',
			deleted_at: null,
			start_date: '2026-09-01',
			hours: 36,
			sync_txid: '1234'
		});
		expect(row).toEqual({
			id: 'a',
			teacherId: 't',
			version: 3,
			updatedAt: '2026-10-01T10:00:00.123Z',
			submittedAt: '2026-10-01T10:00:00.000Z',
			deletedAt: null,
			startDate: '2026-09-01',
			hours: 36
		});
	});

	it('keep an instant the device wrote exactly as it was', () => {
		expect(fromServer(toServer({ acknowledgedAt: '2026-10-01T10:00:00.000Z' }))).toEqual({
			acknowledgedAt: '2026-10-01T10:00:00.000Z'
		});
		expect(toServer({ createdAt: '2026-10-01T10:00:00.000Z' })).toEqual({ created_at: '2026-10-01T10:00:00.000Z' });
		expect(fromServer({ created_at: '2026-10-01T10:00:00.123+00:00' })).toEqual({
			createdAt: '2026-10-01T10:00:00.123Z'
		});
	});
});
