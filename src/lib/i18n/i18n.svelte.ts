import { messages as ruShell } from './ru/shell';
import { dateTimeFormat, numberFormatOf } from './format';
import type { Area, MessageKey, Messages } from './catalog';
export { pluralRu } from './plural';
export type { MessageKey } from './catalog';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'trajectory.locale';

type Args<K extends MessageKey> = Messages[K] extends (...args: infer A) => string ? A : [];
type Part = Record<string, string | ((...args: never[]) => string)>;

// Each part is its own chunk. Listed explicitly so the bundler can see every import.
const LOADERS: Record<Locale, Record<Area, () => Promise<{ messages: Part }>>> = {
	ru: {
		shell: async () => ({ messages: ruShell }),
		forms: () => import('./ru/forms'),
		teacher: () => import('./ru/teacher'),
		mentor: () => import('./ru/mentor'),
		school: () => import('./ru/school'),
		admin: () => import('./ru/admin'),
		settings: () => import('./ru/settings'),
		assessment: () => import('./ru/assessment'),
		plan: () => import('./ru/plan'),
		growth: () => import('./ru/growth'),
		pairs: () => import('./ru/pairs'),
		observation: () => import('./ru/observation'),
		portfolio: () => import('./ru/portfolio'),
		account: () => import('./ru/account')
	},
	en: {
		shell: () => import('./en/shell'),
		forms: () => import('./en/forms'),
		teacher: () => import('./en/teacher'),
		mentor: () => import('./en/mentor'),
		school: () => import('./en/school'),
		admin: () => import('./en/admin'),
		settings: () => import('./en/settings'),
		assessment: () => import('./en/assessment'),
		plan: () => import('./en/plan'),
		growth: () => import('./en/growth'),
		pairs: () => import('./en/pairs'),
		observation: () => import('./en/observation'),
		portfolio: () => import('./en/portfolio'),
		account: () => import('./en/account')
	}
};

/**
 * The message catalogue in use. Russian is the source; its shell part ships in the main bundle,
 * everything else (each area, and English) is fetched when first needed — offline too, since the
 * service worker precaches every chunk.
 */
class I18n {
	locale = $state<Locale>('ru');
	#messages = $state.raw<Part>({ ...ruShell });
	#loaded = new Set<Area>(['shell']);

	t = <K extends MessageKey>(key: K, ...args: Args<K>): string => {
		const m = this.#messages[key] as string | ((...a: unknown[]) => string) | undefined;
		// A missing key means a section forgot to `ensure` its area: show the key, never crash.
		if (m === undefined) return key;
		return typeof m === 'function' ? m(...args) : m;
	};

	/** Load an area's words in the current language; sections call this from their `+layout.ts`. */
	async ensure(...areas: Area[]): Promise<void> {
		const missing = areas.filter((a) => !this.#loaded.has(a));
		if (!missing.length) return;
		const parts = await Promise.all(missing.map((a) => LOADERS[this.locale][a]()));
		this.#messages = Object.assign({}, this.#messages, ...parts.map((p) => p.messages));
		for (const a of missing) this.#loaded.add(a);
	}

	async use(locale: Locale): Promise<void> {
		const areas = [...this.#loaded];
		const parts = await Promise.all(areas.map((a) => LOADERS[locale][a]()));
		this.#messages = Object.assign({}, ...parts.map((p) => p.messages));
		this.locale = locale;
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Private mode without storage: the choice lasts for this tab only.
		}
	}

	/** The locale the user chose before, if any. */
	saved(): Locale {
		try {
			return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ru';
		} catch {
			return 'ru';
		}
	}
}

export const i18n = new I18n();
export const t = i18n.t;

function parseDate(iso: string): Date {
	return new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
}

function tag(locale: Locale): string {
	return locale === 'ru' ? 'ru-RU' : 'en-GB';
}

/**
 * «23 ноября 2026 г.» / «23 нояб.» and «23 November 2026» / «23 Nov», written as Intl (CLDR) writes
 * them for ru-RU and en-GB (dates.spec.ts compares every month) but without it: a page's first
 * Intl.DateTimeFormat costs ~40–100 ms on a cheap phone while ICU loads the calendar data, and the
 * first screen shows dates.
 */
const MONTHS: Record<Locale, { long: string[]; short: string[] }> = {
	ru: {
		long: [
			'января',
			'февраля',
			'марта',
			'апреля',
			'мая',
			'июня',
			'июля',
			'августа',
			'сентября',
			'октября',
			'ноября',
			'декабря'
		],
		short: ['янв.', 'февр.', 'мар.', 'апр.', 'мая', 'июн.', 'июл.', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.']
	},
	en: {
		long: [
			'January',
			'February',
			'March',
			'April',
			'May',
			'June',
			'July',
			'August',
			'September',
			'October',
			'November',
			'December'
		],
		short: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec']
	}
};

export function formatDate(iso: string | null | undefined, locale: Locale = i18n.locale): string {
	if (!iso) return '—';
	const date = parseDate(iso);
	// An unreadable date: Intl's own error, as before.
	if (Number.isNaN(date.getTime())) return dateTimeFormat(tag(locale)).format(date);
	const day = `${date.getDate()} ${MONTHS[locale].long[date.getMonth()]} ${date.getFullYear()}`;
	return locale === 'ru' ? `${day} г.` : day;
}

export function formatShortDate(iso: string | null | undefined, locale: Locale = i18n.locale): string {
	if (!iso) return '—';
	const date = parseDate(iso);
	if (Number.isNaN(date.getTime())) return dateTimeFormat(tag(locale)).format(date);
	return `${date.getDate()} ${MONTHS[locale].short[date.getMonth()]}`;
}

export function formatBytes(bytes: number | null, locale: Locale = i18n.locale): string {
	if (bytes === null) return '—';
	const units = locale === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'KB', 'MB', 'GB'];
	let v = bytes;
	let u = 0;
	while (v >= 1024 && u < units.length - 1) {
		v /= 1024;
		u++;
	}
	return `${numberFormatOf(tag(locale), { maximumFractionDigits: u ? 1 : 0 }).format(v)} ${units[u]}`;
}
