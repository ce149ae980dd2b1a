import { resolve } from '$app/paths';
import type { Reminder, ReminderLink } from '$lib/domain/reminders';
import { t, formatShortDate } from '$lib/i18n/i18n.svelte';

/** A reminder as the panel and a system notification say it (words from the 'plan' part). */
export interface ReminderItem {
	id: string;
	kind: Reminder['kind'];
	heading: string;
	detail: string;
	overdue: boolean;
	href: string;
}

export function hrefOf(link: ReminderLink): string {
	switch (link.to) {
		case 'plan':
			return resolve('/teacher/plan');
		case 'pair':
			return resolve('/(app)/mentor/[pairId]', { pairId: link.pairId });
		case 'mentoring':
			return resolve('/teacher/mentoring');
		case 'approval':
			return resolve('/(app)/methodist/approvals/[planId]', { planId: link.planId });
		case 'assessment':
			return link.assessmentId
				? resolve('/(app)/teacher/assessment/[id]', { id: link.assessmentId })
				: resolve('/teacher/assessment');
		case 'school':
			return resolve('/methodist');
	}
}

function headingOf(r: Reminder): string {
	switch (r.kind) {
		case 'action':
		case 'meeting':
			return r.title;
		case 'approval':
			return t('reminders.approval', r.title);
		case 'assessment': {
			const stage = t(`stage.${r.stage ?? 'entry'}`);
			return r.count === undefined ? t('reminders.assessment', stage) : t('reminders.assessmentSchool', stage, r.count);
		}
	}
}

function detailOf(r: Reminder): string {
	const date = formatShortDate(r.date);
	switch (r.kind) {
		case 'action':
			return t('reminders.actionDue', date);
		case 'meeting':
			return r.person ? t('reminders.meetingWith', date, r.person) : t('reminders.meetingOn', date);
		case 'approval':
			return t('reminders.sentOn', date);
		case 'assessment':
			return t('reminders.windowUntil', date);
	}
}

export function present(r: Reminder): ReminderItem {
	return {
		id: r.id,
		kind: r.kind,
		heading: headingOf(r),
		detail: detailOf(r),
		overdue: r.overdue,
		href: hrefOf(r.link)
	};
}
