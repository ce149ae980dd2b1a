// `node scripts/staff-samples.mjs`: write the staff import's sample files in docs/ (scripts/lib/staff-samples.mjs).
import { writeFileSync } from 'node:fs';
import { samples } from './lib/staff-samples.mjs';

for (const [path, bytes] of samples()) {
	writeFileSync(path, bytes);
	console.log(`${path}: ${bytes.length} bytes`);
}
