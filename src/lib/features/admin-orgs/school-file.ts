import type { SheetRow } from '$lib/domain/staff-import';
import { parseCsv } from '$lib/domain/staff-import';
import { decodeText } from '$lib/features/account/staff-file';

export { ACCEPT } from '$lib/features/account/staff-file';

/**
 * The rows of a chosen school list, read as the staff import reads its files: text in whatever
 * encoding Russian Excel saved it (staff-file.ts decodeText) split by its separator (parseCsv),
 * or an .xlsx through the built-in reader, loaded only then.
 */
export async function readSchoolFile(file: File): Promise<SheetRow[]> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (/\.xlsx$/i.test(file.name)) {
		const { readXlsx } = await import('$lib/features/account/xlsx-read');
		return readXlsx(bytes);
	}
	return parseCsv(decodeText(bytes));
}
