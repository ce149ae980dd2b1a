import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a printed PDF holds, read with poppler's pdftotext: each page's size and words with their
 * boxes. Printing is the only layout where page breaks happen, so overprinting (a block placed
 * over another after a break) can only be seen in the PDF itself, never in the DOM's boxes.
 */
export const MISSING_POPPLER =
	'pdftotext (poppler-utils) is not installed, so printed pages cannot be read.\n' +
	'Install it with:  sudo apt-get install -y poppler-utils. The check is never skipped.';

export interface PdfWord {
	page: number;
	x0: number;
	y0: number;
	x1: number;
	y1: number;
	text: string;
}

export interface PdfPage {
	width: number;
	height: number;
	words: PdfWord[];
}

export function readPdf(pdf: Buffer): PdfPage[] {
	const dir = mkdtempSync(join(process.env.E2E_TMP ?? tmpdir(), 'pdf-'));
	const file = join(dir, 'printed.pdf');
	writeFileSync(file, pdf);
	let xml: string;
	try {
		xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING_POPPLER, { cause: error });
		throw error;
	}
	return xml
		.split('<page ')
		.slice(1)
		.map((chunk, index) => {
			const size = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk)!;
			const words = [
				...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)
			].map((m) => ({
				page: index + 1,
				x0: Number(m[1]),
				y0: Number(m[2]),
				x1: Number(m[3]),
				y1: Number(m[4]),
				text: m[5]!
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&quot;/g, '"')
					.replace(/&amp;/g, '&')
			}));
			return { width: Number(size[1]), height: Number(size[2]), words };
		});
}

/**
 * Pairs of words printed over each other: boxes on one page sharing more than a fifth of the
 * smaller one's area. Words set in lines never do, however tight the table.
 */
export function overprinted(pages: readonly PdfPage[]): string[] {
	const out: string[] = [];
	for (const page of pages) {
		const words = page.words;
		for (let i = 0; i < words.length; i++) {
			for (let j = i + 1; j < words.length; j++) {
				const a = words[i]!;
				const b = words[j]!;
				const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
				const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
				if (w <= 0 || h <= 0) continue;
				const smaller = Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
				if (w * h > 0.2 * smaller) out.push(`page ${a.page}: «${a.text}» over «${b.text}»`);
			}
		}
	}
	return out;
}

/** Words printed past the page's edge (cut off on paper). */
export function offPage(pages: readonly PdfPage[]): string[] {
	return pages.flatMap((p) =>
		p.words
			.filter((w) => w.x0 < -0.5 || w.y0 < -0.5 || w.x1 > p.width + 0.5 || w.y1 > p.height + 0.5)
			.map((w) => `page ${w.page}: «${w.text}»`)
	);
}

/** Every page A4 (595 × 842 points), portrait or landscape. */
export function isA4(page: PdfPage): boolean {
	const [short, long] = [Math.min(page.width, page.height), Math.max(page.width, page.height)];
	return Math.abs(short - 595) < 2 && Math.abs(long - 842) < 2;
}
