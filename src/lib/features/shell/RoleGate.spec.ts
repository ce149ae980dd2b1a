// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createRawSnippet } from 'svelte';
import { cleanup, render, screen } from '@testing-library/svelte';
import RoleGate from './RoleGate.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import type { Role } from '$lib/domain/membership';

afterEach(cleanup);

const children = createRawSnippet(() => ({ render: () => '<p>Карточка педагога</p>' }));

function gate(role: Role, held: Role[]): Session {
	const session = new Session();
	session.roles = held;
	session.role = held[0]!;
	render(RoleGate, { props: { role, children }, context: new Map<unknown, unknown>([[SESSION_KEY, session]]) });
	return session;
}

describe('a section gated by role', () => {
	it('refuses the school methodist’s section to a municipal methodist, who sees no individual teacher', () => {
		gate('school_methodist', ['municipal_methodist']);
		expect(screen.getByRole('alert')).toHaveTextContent('Недостаточно прав');
		expect(screen.queryByText('Карточка педагога')).toBeNull();
	});

	it('opens it to a person who holds the role, once the acting role is switched to it', async () => {
		const session = gate('school_methodist', ['teacher', 'school_methodist']);
		// Not before: the section would run as the person of the role being left.
		expect(session.role).toBe('teacher');
		expect(screen.queryByText('Карточка педагога')).toBeNull();
		expect(await screen.findByText('Карточка педагога')).toBeInTheDocument();
		expect(session.role).toBe('school_methodist');
	});
});
