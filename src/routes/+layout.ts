// A single-page app: everything renders in the browser, from IndexedDB, online or not.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
