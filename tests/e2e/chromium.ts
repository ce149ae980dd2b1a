// The browser tests use the same launcher as the size and screenshot scripts.
export { chromiumPath, launch, MISSING_CHROMIUM, newProfileDir, PHONE } from '../../scripts/lib/browser.mjs';
