import type { Id } from '$lib/domain/common';
import { setScore, submitAssessment, type Assessment, type Stage } from '$lib/domain/assessment';
import { proposeDeficits, type Deficit, type DeficitStatus } from '$lib/domain/deficit';
import { frameworkIndicatorIds, type Framework, type Score } from '$lib/domain/framework';
import { assessmentSchema, validateAssessmentForFramework } from '$lib/domain/schemas/assessment';
import { deficitSchema } from '$lib/domain/schemas/deficit';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import { nowIso } from './ids';
import * as outbox from './outbox';
import * as rows from './rows';

/** Every assessment of a teacher, newest first. */
export async function listForTeacher(db: AppDatabase, teacherId: Id): Promise<Assessment[]> {
	const all = await db.assessments.where('teacherId').equals(teacherId).toArray();
	return rows.alive(all).sort((a, b) => (b.submittedAt ?? b.startedAt).localeCompare(a.submittedAt ?? a.startedAt));
}

export async function listForYear(db: AppDatabase, teacherId: Id, academicYear: number): Promise<Assessment[]> {
	const all = await db.assessments.where('[teacherId+academicYear]').equals([teacherId, academicYear]).toArray();
	return rows.alive(all);
}

export async function listSubmittedForYear(db: AppDatabase, academicYear: number): Promise<Assessment[]> {
	const all = await db.assessments.where('status').equals('submitted').toArray();
	return rows.alive(all).filter((a) => a.academicYear === academicYear);
}

/** One assessment; undefined when unknown or deleted. */
export async function get(db: AppDatabase, id: Id): Promise<Assessment | undefined> {
	const row = await db.assessments.get(id);
	return row && !row.deletedAt ? row : undefined;
}

export interface DraftKey {
	teacherId: Id;
	stage: Stage;
	academicYear: number;
}

/** The teacher's unsubmitted self-assessment for this stage and year, if there is one. */
export async function findDraft(db: AppDatabase, key: DraftKey): Promise<Assessment | undefined> {
	const year = await listForYear(db, key.teacherId, key.academicYear);
	return year.find((a) => a.kind === 'self' && a.stage === key.stage && a.status === 'draft');
}

function validate(draft: Parameters<typeof assessmentSchema.validate>[0]): Issue[] {
	return assessmentSchema.validate(draft);
}

/**
 * Resume the teacher's self-assessment draft for this stage and year, or start one. A submitted
 * one does not block a new draft (a correction is a new assessment), but there is never more than
 * one draft per stage and year: the lookup and the insert share a transaction, so two quick taps
 * on «Начать» (or two tabs) cannot make two.
 */
export function startDraft(
	db: AppDatabase,
	start: DraftKey & { framework: Framework },
	actor: rows.Actor
): Promise<Assessment> {
	const { teacherId, stage, academicYear, framework } = start;
	return rows.transact(db, ['assessments'], async () => {
		const existing = await findDraft(db, { teacherId, stage, academicYear });
		if (existing) return existing;
		return rows.insert(
			db,
			'assessments',
			{
				teacherId,
				assessorId: teacherId,
				frameworkId: framework.id,
				frameworkVersion: framework.revision,
				kind: 'self',
				stage,
				academicYear,
				status: 'draft',
				scores: {},
				currentCompetencyId: framework.competencies[0]?.id ?? null,
				startedAt: nowIso(),
				submittedAt: null
			},
			actor,
			validate
		);
	});
}

/** A draft refuses no change; a submitted assessment refuses every one. */
function editable(current: Assessment): Assessment {
	if (current.status !== 'draft') throw new LocalWriteError('forbidden', `assessments/${current.id} is submitted`);
	return current;
}

/**
 * Record one answer and move the resume point to its competency. The status is checked on the row
 * as the write's own transaction reads it: a submit from another tab can never be followed by a
 * stray answer. One read of the row (with the queue's end), then one round of writes.
 */
export function answer(
	db: AppDatabase,
	id: Id,
	indicatorId: string,
	score: Score,
	actor: rows.Actor
): Promise<Assessment> {
	return rows.update(
		db,
		'assessments',
		id,
		(current) => {
			const result = setScore(editable(current), indicatorId, score);
			if (!result.ok) throw new LocalWriteError('forbidden', `assessments/${id} is submitted`);
			// frameworkSchema guarantees an indicator id starts with its competency's id and a dot.
			const competencyId = indicatorId.slice(0, indicatorId.indexOf('.'));
			return { scores: result.value.scores, currentCompetencyId: competencyId || current.currentCompetencyId };
		},
		actor,
		validate
	);
}

/** Remember the competency the teacher is looking at, so a reload resumes there. */
export function moveTo(db: AppDatabase, id: Id, competencyId: string, actor: rows.Actor): Promise<Assessment> {
	return rows.update(
		db,
		'assessments',
		id,
		(current) => (editable(current), { currentCompetencyId: competencyId }),
		actor,
		validate
	);
}

/** Deficit statuses a new proposal may not duplicate: the deficit is still being worked on. */
const LIVE_DEFICIT: readonly DeficitStatus[] = ['proposed', 'identified', 'in_progress'];

export interface Submission {
	assessment: Assessment;
	/** New deficits, status 'proposed', for the teacher to confirm or dismiss. */
	proposed: Deficit[];
	/** Deficits already on record that this submission showed again («подтверждено»). */
	confirmed: Deficit[];
}

/**
 * Submit a complete draft and propose deficits from its scores 0–1, in ONE transaction: an
 * assessment marked submitted without its proposals would never propose them (a submitted one
 * is never submitted again), and proposals without the submission would point at a draft.
 * A competency that already has a live deficit is confirmed on it, not proposed twice.
 */
export function submit(db: AppDatabase, id: Id, framework: Framework, actor: rows.Actor): Promise<Submission> {
	// Three rounds of requests whatever the number of deficits: the assessment with the queue's
	// end, the teacher's deficits, then every row and entry written together (rows.commit).
	return rows.transact(db, ['assessments', 'deficits'], async () => {
		const [row, end] = await Promise.all([get(db, id), outbox.tail(db)]);
		if (!row) throw new LocalWriteError('not-found', `assessments/${id}`);
		const current = editable(row);
		const at = nowIso();
		const result = submitAssessment(framework, current, at);
		if (!result.ok) {
			if (result.error === 'already_submitted')
				throw new LocalWriteError('forbidden', `assessments/${id} is submitted`);
			const issues =
				result.error === 'incomplete'
					? frameworkIndicatorIds(framework)
							.filter((indicatorId) => !Object.hasOwn(current.scores, indicatorId))
							.map((indicatorId) => issue(`scores[${indicatorId}]`, 'required'))
					: validateAssessmentForFramework(current, framework);
			throw new LocalWriteError('invalid', issues.map((i) => `${i.path}: ${i.code}`).join('; '), issues);
		}
		const { status, submittedAt, currentCompetencyId } = result.value;
		const submitted = rows.planUpdate(
			'assessments',
			id,
			current,
			{ status, submittedAt, currentCompetencyId },
			actor,
			validate
		);
		// The status always changes, so there is always something to write.
		if (!submitted) throw new LocalWriteError('forbidden', `assessments/${id} is submitted`);
		const assessment = submitted.row;

		const mine = rows.alive(await db.deficits.where('teacherId').equals(assessment.teacherId).toArray());
		const writes: rows.Planned[] = [submitted];
		const proposed: Deficit[] = [];
		const confirmed: Deficit[] = [];
		const validateDeficit = (d: Parameters<typeof deficitSchema.validate>[0]) => deficitSchema.validate(d);
		for (const proposal of proposeDeficits(framework, assessment)) {
			const live = mine.find((d) => d.competencyId === proposal.competencyId && LIVE_DEFICIT.includes(d.status));
			if (live) {
				const indicatorIds = [
					...live.indicatorIds,
					...proposal.indicatorIds.filter((i) => !live.indicatorIds.includes(i))
				];
				// Dated by the submission, so the summary can tell which deficits this one confirmed.
				const change = rows.planUpdate(
					'deficits',
					live.id,
					live,
					{ confirmedAt: at, indicatorIds },
					actor,
					validateDeficit
				);
				if (change) writes.push(change);
				confirmed.push(change?.row ?? live);
			} else {
				const made = rows.planInsert('deficits', proposal, actor, validateDeficit);
				writes.push(made);
				proposed.push(made.row);
			}
		}
		await rows.commit(db, end, writes);
		return { assessment, proposed, confirmed };
	});
}
