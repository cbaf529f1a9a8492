// Prints raw, gzip and brotli sizes of the built files. With --check (as `npm test` runs it),
// exits 1 when a file is over its budget; the build itself only reports.
import { readdir, readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Brotli budgets in bytes, by file name pattern. */
const BUDGETS = [
  { pattern: /^welcomed\.js$/, brotli: 12 * 1024, label: 'dist/welcomed.js' },
  { pattern: /^welcomed\.classic\.js$/, brotli: 40 * 1024, label: 'dist/welcomed.classic.js' },
  { pattern: /^welcomed\.[a-z]{2,3}(-[A-Za-z0-9]+)*\.js$/, brotli: 2 * 1024, label: 'each locale module' },
  // Everything else beside welcomed.js is loaded on demand, after an answer.
  { pattern: /^welcomed\.[a-z-]+\.js$/, brotli: 5 * 1024, label: 'each part loaded on demand' },
];

const sizes = async (file) => {
  const bytes = await readFile(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
};

const files = (await readdir('dist')).filter((name) => name.endsWith('.js')).sort();
const rows = [];
const failures = [];
for (const name of files) {
  const size = await sizes(`dist/${name}`);
  const budget = BUDGETS.find((candidate) => candidate.pattern.test(name));
  rows.push({ file: `dist/${name}`, ...size, budget: budget ? budget.brotli : undefined });
  if (budget && size.brotli > budget.brotli) {
    failures.push(`dist/${name} is ${size.brotli} B brotli, over the ${budget.brotli} B budget for ${budget.label}`);
  }
}

const number = (value) => (value === undefined ? '—' : value.toLocaleString('en-GB'));
const table = [['file', 'raw', 'gzip -9', 'brotli -q11', 'brotli budget']].concat(
  rows.map((row) => [row.file, number(row.raw), number(row.gzip), number(row.brotli), number(row.budget)]),
);
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
for (const row of table) {
  console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
}
if (failures.length) {
  console.error(`\nSize budget exceeded:\n- ${failures.join('\n- ')}`);
  if (process.argv.includes('--check')) process.exit(1);
} else {
  console.log('\nAll size budgets met.');
}
