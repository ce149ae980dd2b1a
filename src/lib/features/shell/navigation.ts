import type { MessageKey } from '$lib/i18n/catalog';
import type { Role } from '$lib/domain/membership';
import type { IconName } from '$lib/ui/Icon.svelte';

export interface NavItem {
	href: string;
	label: MessageKey;
	icon: IconName;
}

const SETTINGS: NavItem = { href: '/settings', label: 'nav.settings', icon: 'settings' };

/** What each role navigates; only screens that exist are listed. */
export const NAVIGATION: Record<Role, NavItem[]> = {
	teacher: [
		{ href: '/teacher', label: 'nav.home', icon: 'home' },
		{ href: '/teacher/activities', label: 'nav.activities', icon: 'activity' },
		{ href: '/teacher/profile', label: 'nav.profile', icon: 'user' },
		SETTINGS
	],
	mentor: [{ href: '/mentor', label: 'nav.mentees', icon: 'users' }, SETTINGS],
	school_methodist: [{ href: '/methodist', label: 'nav.teachers', icon: 'school' }, SETTINGS],
	municipal_methodist: [{ href: '/municipal', label: 'nav.schools', icon: 'chart' }, SETTINGS],
	admin: [{ href: '/admin', label: 'nav.organizations', icon: 'clipboard' }, SETTINGS]
};

/** The longest nav prefix matching the path marks the current item. */
export function currentItem(items: NavItem[], path: string): NavItem | undefined {
	return items
		.filter((i) => path === i.href || path.startsWith(`${i.href}/`))
		.sort((a, b) => b.href.length - a.href.length)[0];
}
