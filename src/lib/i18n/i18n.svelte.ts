import { ru, type Messages, type MessageKey } from './ru';
export { pluralRu } from './plural';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'trajectory.locale';

type Args<K extends MessageKey> = Messages[K] extends (...args: infer A) => string ? A : [];

/**
 * The message catalogue in use. Russian is the source and ships in the main bundle; English is
 * loaded on demand so that it costs the Russian-speaking majority nothing.
 */
class I18n {
	locale = $state<Locale>('ru');
	#messages = $state.raw<Messages>(ru);

	t = <K extends MessageKey>(key: K, ...args: Args<K>): string => {
		const m = this.#messages[key] as string | ((...a: unknown[]) => string);
		return typeof m === 'function' ? m(...args) : m;
	};

	async use(locale: Locale): Promise<void> {
		this.#messages = locale === 'en' ? (await import('./en')).en : ru;
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

export function formatDate(iso: string | null | undefined, locale: Locale = i18n.locale): string {
	if (!iso) return '—';
	const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
	return d.toLocaleDateString(locale === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatShortDate(iso: string | null | undefined, locale: Locale = i18n.locale): string {
	if (!iso) return '—';
	const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
	return d.toLocaleDateString(locale === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'short' });
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
	return `${v.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: u ? 1 : 0 })} ${units[u]}`;
}
