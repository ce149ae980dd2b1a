// Unit layer setup: an in-memory IndexedDB (fake-indexeddb) and DOM matchers for components.
// Browser tests (tests/e2e) use Chromium's real IndexedDB instead.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
