import type { Draft, Id, IsoDate } from '$lib/domain/common';
import type { Activity, ActivityKind, CommunityType, CompetitionLevel } from '$lib/domain/activity';

/** The activity form as typed: strings and flags, so a draft survives a reload as it was. */
export interface ActivityFormValues extends Record<string, unknown> {
	/** The «Добавить мероприятие» form is unfolded (a form editing a record is always open). */
	open: boolean;
	kind: ActivityKind;
	title: string;
	startDate: string;
	endDate: string;
	hours: string;
	provider: string;
	certificate: string;
	completed: boolean;
	qualityRelated: boolean;
	communityType: CommunityType | '';
	competitionLevel: CompetitionLevel | '';
	result: string;
}

/** A new activity: a course, started today, completed (most are entered once they are over). */
export function blankActivityForm(today: IsoDate): ActivityFormValues {
	return {
		open: false,
		kind: 'course',
		title: '',
		startDate: today,
		endDate: '',
		hours: '',
		provider: '',
		certificate: '',
		completed: true,
		qualityRelated: false,
		communityType: '',
		competitionLevel: '',
		result: ''
	};
}

/** Hours as typed in the Russian way: «1,5». */
function hoursText(hours: number | null): string {
	return hours === null ? '' : String(hours).replace('.', ',');
}

/** The form showing an activity as it is stored (to edit it, or as proposed from a plan action). */
export function formOfActivity(activity: Draft<Activity>): ActivityFormValues {
	return {
		open: true,
		kind: activity.kind,
		title: activity.title,
		startDate: activity.startDate,
		endDate: activity.endDate ?? '',
		hours: hoursText(activity.hours),
		provider: activity.provider,
		certificate: activity.certificate,
		completed: activity.completed,
		qualityRelated: activity.qualityRelated,
		communityType: activity.communityType ?? '',
		competitionLevel: activity.competitionLevel ?? '',
		result: activity.result
	};
}

/**
 * The activity the form describes. Fields of another kind are emptied (the schema refuses them);
 * hours that are not a number stay as typed, so the schema can say «введите число».
 */
export function activityFromForm(values: ActivityFormValues, teacherId: Id, planActionId: Id | null): Draft<Activity> {
	const raw = values.hours.trim().replace(',', '.');
	const n = Number(raw);
	return {
		teacherId,
		kind: values.kind,
		title: values.title.trim(),
		startDate: values.startDate,
		endDate: values.endDate || null,
		provider: values.provider.trim(),
		hours: (raw === '' ? null : Number.isNaN(n) ? values.hours : n) as number | null,
		certificate: values.kind === 'course' ? values.certificate.trim() : '',
		qualityRelated: values.kind === 'course' && values.qualityRelated,
		completed: values.completed,
		communityType: values.kind === 'community' ? values.communityType || null : null,
		competitionLevel: values.kind === 'competition' ? values.competitionLevel || null : null,
		result: values.kind === 'competition' ? values.result.trim() : '',
		planActionId
	};
}
