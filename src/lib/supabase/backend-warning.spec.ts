import { describe, expect, it } from 'vitest';
import { backendWarning } from './backend-warning';

describe('the backend settings of a build', () => {
	it('warns when the URL is set without the anon key (that build is guest mode)', () => {
		expect(backendWarning({ PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321', PUBLIC_SUPABASE_ANON_KEY: '' })).toContain(
			'PUBLIC_SUPABASE_ANON_KEY is empty'
		);
		expect(backendWarning({ PUBLIC_SUPABASE_ANON_KEY: 'eyJ…' })).toContain('PUBLIC_SUPABASE_URL is empty');
	});

	it('is silent for guest mode on purpose (both empty) and for a complete backend', () => {
		expect(backendWarning({})).toBeNull();
		expect(backendWarning({ PUBLIC_SUPABASE_URL: ' ', PUBLIC_SUPABASE_ANON_KEY: '' })).toBeNull();
		expect(
			backendWarning({ PUBLIC_SUPABASE_URL: 'https://api.school.example', PUBLIC_SUPABASE_ANON_KEY: 'eyJ…' })
		).toBeNull();
	});
});
