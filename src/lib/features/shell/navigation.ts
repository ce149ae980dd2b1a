import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import type { MessageKey } from '$lib/i18n/catalog';
import type { Role } from '$lib/domain/membership';
import type { IconName } from '$lib/ui/Icon.svelte';

export interface NavItem {
	/** Resolved once here (base path included), so the shell links it as it is. */
	href: ResolvedPathname;
	label: MessageKey;
	/** A shorter word for the phone's bottom bar, where five labels share 360 px. */
	short?: MessageKey;
	icon: IconName;
}

export interface RoleNavigation {
	/** In the phone's bottom bar (at most four, so each stays a comfortable tap target). */
	primary: NavItem[];
	/** Behind «Ещё» on a phone; listed in full on a wide screen. */
	secondary: NavItem[];
}

const SETTINGS: NavItem = { href: resolve('/settings'), label: 'nav.settings', icon: 'settings' };
export const MORE: NavItem = { href: resolve('/more'), label: 'nav.more', icon: 'more' };

/** What each role navigates. Only screens that exist are listed. */
export const NAVIGATION: Record<Role, RoleNavigation> = {
	teacher: {
		primary: [
			{ href: resolve('/teacher'), label: 'nav.home', icon: 'home' },
			{
				href: resolve('/teacher/assessment'),
				label: 'nav.assessment',
				short: 'nav.assessmentShort',
				icon: 'clipboard'
			},
			{ href: resolve('/teacher/deficits'), label: 'nav.deficits', icon: 'target' },
			{ href: resolve('/teacher/plan'), label: 'nav.plan', icon: 'route' }
		],
		secondary: [
			{ href: resolve('/teacher/growth'), label: 'nav.growth', icon: 'chart' },
			{ href: resolve('/teacher/mentoring'), label: 'nav.mentoring', icon: 'users' },
			{ href: resolve('/teacher/observations'), label: 'nav.observations', icon: 'eye' },
			{ href: resolve('/teacher/activities'), label: 'nav.activities', icon: 'activity' },
			{ href: resolve('/teacher/profile'), label: 'nav.profile', icon: 'user' },
			SETTINGS
		]
	},
	mentor: {
		primary: [
			{ href: resolve('/mentor'), label: 'nav.mentees', icon: 'users' },
			{ href: resolve('/mentor/observations'), label: 'nav.observations', short: 'nav.observationsShort', icon: 'eye' },
			SETTINGS
		],
		secondary: []
	},
	school_methodist: {
		primary: [
			{ href: resolve('/methodist'), label: 'nav.teachers', icon: 'school' },
			{ href: resolve('/methodist/mentoring'), label: 'nav.mentoring', icon: 'users' },
			SETTINGS
		],
		secondary: []
	},
	municipal_methodist: {
		primary: [{ href: resolve('/municipal'), label: 'nav.schools', icon: 'chart' }, SETTINGS],
		secondary: []
	},
	admin: {
		primary: [{ href: resolve('/admin'), label: 'nav.organizations', icon: 'clipboard' }, SETTINGS],
		secondary: []
	}
};

/** The bottom bar on a phone: the primary items, and «Ещё» when there is more. */
export function barItems(nav: RoleNavigation): NavItem[] {
	return nav.secondary.length ? [...nav.primary, MORE] : nav.primary;
}

/** The longest nav prefix matching the path marks the current item. */
export function currentItem(items: NavItem[], path: string): NavItem | undefined {
	return items
		.filter((i) => path === i.href || path.startsWith(`${i.href}/`))
		.sort((a, b) => b.href.length - a.href.length)[0];
}
