/**
 * How the default framework is found, kept apart from its content so that code which only needs
 * to look it up does not pull the whole framework text into the first-load bundle.
 */
export const DEFAULT_FRAMEWORK_ID = '00000000-0000-4000-8000-000000000001';
export const DEFAULT_FRAMEWORK_CODE = 'meta-2026';
