import type { Id, SyncedRow } from './common';
import type { IndicatorCode } from './indicators';

/**
 * The planned value (плановое значение) of one indicator for one scope (a school or a
 * municipality) and academic year: a share 0..1. A cleared target is a tombstone, so the nearest
 * ancestor's value holds again (indicators.ts targetsFor).
 */
export interface IndicatorTarget extends SyncedRow {
	organizationId: Id;
	academicYear: number;
	code: IndicatorCode;
	value: number;
}

/**
 * The id of the target of (scope, year, indicator): the same on every device, so two methodists
 * setting the same target offline write one row (a per-field conflict the server records)
 * rather than two rows the server's unique (scope, year, code) index would refuse. A UUID v8
 * made of two 64-bit FNV-1a hashes of the key; not a secret, only stable.
 */
export function targetId(organizationId: Id, academicYear: number, code: IndicatorCode): Id {
	const key = `indicator_target:${organizationId.toLowerCase()}:${academicYear}:${code}`;
	const hex = fnv64(key, 0xcbf29ce484222325n) + fnv64(key, 0x84222325cbf29ce4n);
	const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

function fnv64(text: string, seed: bigint): string {
	let h = seed;
	for (const byte of new TextEncoder().encode(text)) {
		h ^= BigInt(byte);
		h = (h * PRIME) & MASK;
	}
	return h.toString(16).padStart(16, '0');
}
