import type { Id } from '$lib/domain/common';
import { INDICATOR_CODES, type IndicatorCode } from '$lib/domain/indicators';
import type { IndicatorTarget } from '$lib/domain/indicator-target';

/**
 * The administrator's planned values (плановые значения) of one organisation and year, as the
 * school methodist's table writes them: a percentage 0–100 on screen (a decimal comma accepted),
 * a share 0–1 stored; a blank field clears the organisation's own value, so the nearest
 * ancestor's holds again (indicators.ts targetsFor).
 */

/** A typed percentage as a share: null for a blank, 'invalid' for anything but a number 0–100. */
export function parsePercent(raw: string): number | null | 'invalid' {
	const text = raw.trim().replace(/\s|%/g, '').replace(',', '.');
	if (text === '') return null;
	if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return 'invalid';
	const value = Number(text);
	return value >= 0 && value <= 100 ? value / 100 : 'invalid';
}

/** The value an organisation inherits for each indicator: the nearest ancestor's own, and whose. */
export function inherited(
	targets: readonly Pick<IndicatorTarget, 'organizationId' | 'academicYear' | 'code' | 'value' | 'deletedAt'>[],
	ancestors: readonly Id[],
	year: number
): Partial<Record<IndicatorCode, { value: number; from: Id }>> {
	const result: Partial<Record<IndicatorCode, { value: number; from: Id }>> = {};
	for (const code of INDICATOR_CODES) {
		for (const org of ancestors) {
			const row = targets.find(
				(r) => !r.deletedAt && r.academicYear === year && r.code === code && r.organizationId === org
			);
			if (row) {
				result[code] = { value: row.value, from: org };
				break;
			}
		}
	}
	return result;
}
