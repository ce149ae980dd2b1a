import { describe, expect, it } from 'vitest';
import { failureOf } from './storage';

describe('a Storage API failure', () => {
	it('is read from the HTTP status or the code in the body, as Storage versions answer', () => {
		expect(failureOf({ status: 409, statusCode: '409', message: 'The resource already exists' })).toBe('exists');
		// Older Storage versions: HTTP 400 carrying the code.
		expect(failureOf({ status: 400, statusCode: '409', message: 'Duplicate' })).toBe('exists');
		expect(failureOf({ status: 413, statusCode: '413', message: 'Payload too large' })).toBe('too_large');
		expect(failureOf({ status: 400, statusCode: '413', message: 'The object exceeded the maximum allowed size' })).toBe(
			'too_large'
		);
		expect(failureOf({ status: 415, statusCode: '415', message: 'mime type image/gif is not supported' })).toBe(
			'unsupported_type'
		);
		expect(failureOf({ status: 403, statusCode: '403', message: 'new row violates row-level security policy' })).toBe(
			'forbidden'
		);
		expect(failureOf({ status: 400, statusCode: '404', message: 'Object not found' })).toBe('not_found');
		expect(failureOf({ status: 400, statusCode: 'InvalidJWT', message: 'jwt expired' })).toBe('auth');
		expect(failureOf({ status: 503, statusCode: '503', message: 'Service Unavailable' })).toBe('server');
		// storage-js: a fetch that never reached the server has no status.
		expect(failureOf({ message: 'Failed to fetch' })).toBe('offline');
	});
});
