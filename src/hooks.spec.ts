// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { reroute } from './hooks';

afterEach(() => localStorage.clear());

const at = (path: string) => reroute({ url: new URL(path, 'https://trajectory.example'), fetch });

describe('the start URL', () => {
	it('renders the teacher’s home without a redirect on a new device', () => {
		expect(at('/')).toBe('/teacher');
	});

	it('renders the home of the role last acted in', () => {
		localStorage.setItem('trajectory.role', 'municipal_methodist');
		expect(at('/')).toBe('/municipal');
	});

	it('ignores a saved value that is not a role, and leaves every other path alone', () => {
		localStorage.setItem('trajectory.role', 'constructor');
		expect(at('/')).toBe('/teacher');
		expect(at('/teacher/plan')).toBeUndefined();
		expect(at('/settings')).toBeUndefined();
	});
});
