import {
	GROWTH_THRESHOLD_MAX,
	MIN_GROUP_SIZE_MAX,
	REPORT_YEARS,
	monthDay,
	parseMonthDay,
	type RegionSettings
} from '$lib/domain/region-settings';
import { MIN_GROUP_SIZE } from '$lib/domain/privacy';

/**
 * The region settings form as typed: every field a string, so that «0,25» (a decimal comma),
 * a blank and a typo all reach the parser and get a word beside their field.
 */
export interface SettingsForm {
	growthThreshold: string;
	minGroupSize: string;
	/** '' for the default (two years back), else a start year. */
	reportYearsFrom: string;
	/** 1–31 as typed. */
	referenceDay: string;
	/** '1'…'12'. */
	referenceMonth: string;
}

export type SettingsField = 'growthThreshold' | 'minGroupSize' | 'reportYearsFrom' | 'staffReference';
/** Why a field is refused; the screen words each one (adminSettings.problem.*). */
export type SettingsProblem =
	| 'required'
	| 'not_a_number'
	| 'threshold_range'
	| 'not_integer'
	| 'below_min'
	| 'too_large'
	| 'invalid_year'
	| 'invalid_day';

export type ParsedSettings =
	{ ok: true; value: RegionSettings } | { ok: false; problems: Partial<Record<SettingsField, SettingsProblem>> };

// A number as people type it here: «0,25», «0.25», «,5», «1».
const DECIMAL = /^(\d+([.,]\d*)?|[.,]\d+)$/;
const INTEGER = /^\d+$/;

/** The form showing `settings`, the threshold with the locale's decimal separator. */
export function formOf(settings: RegionSettings, locale: 'ru' | 'en' = 'ru'): SettingsForm {
	const { month, day } = parseMonthDay(settings.staffReference) ?? { month: 1, day: 1 };
	const threshold = String(settings.growthThreshold);
	return {
		growthThreshold: locale === 'ru' ? threshold.replace('.', ',') : threshold,
		minGroupSize: String(settings.minGroupSize),
		reportYearsFrom: settings.reportYearsFrom === null ? '' : String(settings.reportYearsFrom),
		referenceDay: String(day),
		referenceMonth: String(month)
	};
}

/** The settings the form says, or why each refused field is refused. Nothing is clamped. */
export function parseSettings(form: SettingsForm): ParsedSettings {
	const problems: Partial<Record<SettingsField, SettingsProblem>> = {};

	const thresholdText = form.growthThreshold.trim().replace(/\s/g, '');
	let growthThreshold = NaN;
	if (thresholdText === '') problems.growthThreshold = 'required';
	else if (!DECIMAL.test(thresholdText)) problems.growthThreshold = 'not_a_number';
	else {
		growthThreshold = Number(thresholdText.replace(',', '.'));
		if (!(growthThreshold >= 0 && growthThreshold <= GROWTH_THRESHOLD_MAX))
			problems.growthThreshold = 'threshold_range';
	}

	const groupText = form.minGroupSize.trim();
	const minGroupSize = Number(groupText);
	if (groupText === '') problems.minGroupSize = 'required';
	else if (!INTEGER.test(groupText)) problems.minGroupSize = DECIMAL.test(groupText) ? 'not_integer' : 'not_a_number';
	// Never below 5: a smaller group could give away one teacher's answers (privacy.ts).
	else if (minGroupSize < MIN_GROUP_SIZE) problems.minGroupSize = 'below_min';
	else if (minGroupSize > MIN_GROUP_SIZE_MAX) problems.minGroupSize = 'too_large';

	const yearText = form.reportYearsFrom.trim();
	const reportYearsFrom = yearText === '' ? null : Number(yearText);
	if (
		reportYearsFrom !== null &&
		!(INTEGER.test(yearText) && reportYearsFrom >= REPORT_YEARS.min && reportYearsFrom <= REPORT_YEARS.max)
	)
		problems.reportYearsFrom = 'invalid_year';

	const dayText = form.referenceDay.trim();
	const staffReference = INTEGER.test(dayText) ? monthDay(Number(form.referenceMonth), Number(dayText)) : null;
	if (dayText === '') problems.staffReference = 'required';
	else if (staffReference === null) problems.staffReference = 'invalid_day';

	if (Object.keys(problems).length) return { ok: false, problems };
	return { ok: true, value: { growthThreshold, minGroupSize, reportYearsFrom, staffReference: staffReference! } };
}
