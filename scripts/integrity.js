// Writes dist/integrity.json: the Subresource Integrity hash (SHA-384, base64, as the `integrity`
// attribute takes it) of every script at the top of dist/ — the widget, the classic script and
// each module the widget loads on demand. Not source maps, not dist/lib/ (that build is for
// bundlers, which never load it from a <script> tag). Run by `npm run build` after rollup.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The `integrity` value for some bytes. */
export function integrityOf(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** `{ "welcomed.js": "sha384-…", … }` for every `*.js` file directly in `dir`, sorted by name. */
export function integrityManifest(dir) {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => entry.name)
    .sort();
  return Object.fromEntries(names.map((name) => [name, integrityOf(readFileSync(join(dir, name)))]));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = resolve(import.meta.dirname, '..', 'dist');
  const manifest = integrityManifest(dist);
  if (!manifest['welcomed.js'] || !manifest['welcomed.classic.js']) {
    console.error('scripts/integrity.js: dist/welcomed.js or dist/welcomed.classic.js is missing: run rollup first.');
    process.exit(1);
  }
  writeFileSync(join(dist, 'integrity.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`dist/integrity.json: SHA-384 of ${Object.keys(manifest).length} scripts.`);
}
