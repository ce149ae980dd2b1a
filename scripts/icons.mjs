// Draws the app icons (no image library needed): a rising trajectory on the brand colour.
// Run `npm run icons` after changing the design; the PNGs are committed under static/icons.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const BRAND = [0x1f, 0x4e, 0x79];
const WHITE = [255, 255, 255];
const ACCENT = [0x8f, 0xd6, 0x9f];
// The path in a 0..1 box: from bottom-left, up through two steps, to the top-right dot.
const PATH = [
	[0.2, 0.74],
	[0.42, 0.56],
	[0.56, 0.64],
	[0.8, 0.3]
];

function crcTable() {
	const t = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	return t;
}
const TABLE = crcTable();
function crc32(buf) {
	let c = 0xffffffff;
	for (const b of buf) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
	const raw = Buffer.alloc((size * 4 + 1) * size);
	for (let y = 0; y < size; y++) {
		raw[y * (size * 4 + 1)] = 0;
		for (let x = 0; x < size; x++) {
			const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
			const o = y * (size * 4 + 1) + 1 + x * 4;
			raw[o] = r;
			raw[o + 1] = g;
			raw[o + 2] = b;
			raw[o + 3] = a;
		}
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8;
	ihdr[9] = 6;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}
function segDist(px, py, [ax, ay], [bx, by]) {
	const dx = bx - ax;
	const dy = by - ay;
	const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
	return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function mix(a, b, t) {
	return a.map((v, i) => Math.round(v * (1 - t) + b[i] * t));
}
/** `inset` shrinks the drawing into the maskable safe zone; `round` gives the plain icon its corners. */
function icon(size, { inset, round }) {
	return png(size, (x, y) => {
		const u = x / size;
		const v = y / size;
		// Rounded-square mask for the plain icon; the maskable one fills the square.
		let alpha = 1;
		if (round) {
			const r = 0.22;
			const cx = Math.min(Math.max(u, r), 1 - r);
			const cy = Math.min(Math.max(v, r), 1 - r);
			const d = Math.hypot(u - cx, v - cy) - r;
			alpha = Math.max(0, Math.min(1, 0.5 - d * size));
		}
		const s = (c) => inset + c * (1 - 2 * inset);
		const pts = PATH.map(([a, b]) => [s(a), s(b)]);
		const w = 0.055 * (1 - 2 * inset);
		let d = Infinity;
		for (let i = 0; i < pts.length - 1; i++) d = Math.min(d, segDist(u, v, pts[i], pts[i + 1]));
		const line = Math.max(0, Math.min(1, (w - d) * size + 0.5));
		const last = pts[pts.length - 1];
		const dot = Math.max(0, Math.min(1, (0.09 * (1 - 2 * inset) - Math.hypot(u - last[0], v - last[1])) * size + 0.5));
		let c = mix(BRAND, WHITE, line);
		c = mix(c, ACCENT, dot);
		return [...c, Math.round(alpha * 255)];
	});
}

mkdirSync('static/icons', { recursive: true });
writeFileSync('static/icons/icon-192.png', icon(192, { inset: 0.04, round: true }));
writeFileSync('static/icons/icon-512.png', icon(512, { inset: 0.04, round: true }));
writeFileSync('static/icons/maskable-512.png', icon(512, { inset: 0.14, round: false }));
writeFileSync('static/icons/apple-touch-icon.png', icon(180, { inset: 0.1, round: false }));
writeFileSync(
	'static/favicon.svg',
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="22" fill="#1f4e79"/><polyline points="${PATH.map(([a, b]) => `${a * 100},${b * 100}`).join(' ')}" fill="none" stroke="#fff" stroke-width="11" stroke-linecap="round" stroke-linejoin="round"/><circle cx="${PATH[3][0] * 100}" cy="${PATH[3][1] * 100}" r="9" fill="#8fd69f"/></svg>\n`
);
console.log('icons written to static/icons and static/favicon.svg');
