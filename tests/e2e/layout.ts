import type { Page } from 'playwright-core';

/**
 * Elements that stick out past the right edge of the screen, ignoring those inside a container
 * that scrolls sideways on purpose (wide tables). `scrollWidth` alone is not enough: content
 * clipped by an `overflow: hidden` ancestor never makes the page scroll, yet the user cannot see it.
 */
export function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const scrollsSideways = (el: Element | null): boolean => {
			for (let e = el; e && e !== document.body; e = e.parentElement) {
				const style = getComputedStyle(e);
				if (style.overflowX === 'auto' || style.overflowX === 'scroll') return true;
			}
			return false;
		};
		const out: string[] = [];
		for (const el of Array.from(document.body.querySelectorAll('*'))) {
			const rect = el.getBoundingClientRect();
			if (rect.width === 0 || rect.height <= 1) continue;
			if (rect.right > width + 1 && !scrollsSideways(el.parentElement)) {
				out.push(
					`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(rect.right)} "${(el.textContent ?? '').trim().slice(0, 40)}"`
				);
			}
		}
		if (document.documentElement.scrollWidth > width)
			out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
		return out;
	});
}
