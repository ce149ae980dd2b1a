import type { MessageKey } from '$lib/i18n/catalog';
import type { Role } from '$lib/domain/membership';
import type { IconName } from '$lib/ui/Icon.svelte';

export interface NavItem {
	href: string;
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

const SETTINGS: NavItem = { href: '/settings', label: 'nav.settings', icon: 'settings' };
export const MORE: NavItem = { href: '/more', label: 'nav.more', icon: 'more' };

/** What each role navigates. Only screens that exist are listed. */
export const NAVIGATION: Record<Role, RoleNavigation> = {
	teacher: {
		primary: [
			{ href: '/teacher', label: 'nav.home', icon: 'home' },
			{ href: '/teacher/assessment', label: 'nav.assessment', short: 'nav.assessmentShort', icon: 'clipboard' },
			{ href: '/teacher/deficits', label: 'nav.deficits', icon: 'target' },
			{ href: '/teacher/plan', label: 'nav.plan', icon: 'route' }
		],
		secondary: [
			{ href: '/teacher/growth', label: 'nav.growth', icon: 'chart' },
			{ href: '/teacher/mentoring', label: 'nav.mentoring', icon: 'users' },
			{ href: '/teacher/observations', label: 'nav.observations', icon: 'eye' },
			{ href: '/teacher/activities', label: 'nav.activities', icon: 'activity' },
			{ href: '/teacher/profile', label: 'nav.profile', icon: 'user' },
			SETTINGS
		]
	},
	mentor: {
		primary: [
			{ href: '/mentor', label: 'nav.mentees', icon: 'users' },
			{ href: '/mentor/observations', label: 'nav.observations', short: 'nav.observationsShort', icon: 'eye' },
			SETTINGS
		],
		secondary: []
	},
	school_methodist: {
		primary: [
			{ href: '/methodist', label: 'nav.teachers', icon: 'school' },
			{ href: '/methodist/mentoring', label: 'nav.mentoring', icon: 'users' },
			SETTINGS
		],
		secondary: []
	},
	municipal_methodist: { primary: [{ href: '/municipal', label: 'nav.schools', icon: 'chart' }, SETTINGS], secondary: [] },
	admin: { primary: [{ href: '/admin', label: 'nav.organizations', icon: 'clipboard' }, SETTINGS], secondary: [] }
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
