// Unit layer setup: an in-memory IndexedDB (fake-indexeddb) and DOM matchers for components.
// Browser tests (tests/e2e) use Chromium's real IndexedDB instead.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';

// The app loads the forms part of the catalogue after its first screen (root layout); components
// rendered alone get it up front.
import { beforeAll } from 'vitest';
import { i18n } from '$lib/i18n/i18n.svelte';
beforeAll(() => i18n.ensure('forms'));
