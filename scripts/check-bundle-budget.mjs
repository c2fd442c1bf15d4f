#!/usr/bin/env node
// The SPA's performance budget: whichever page a person opens first, the JavaScript it loads (the shell and that
// page's chunks, not the pages loaded later) must be at most 150 KB gzipped. Reads the Vite manifest of the
// build in apps/web/dist; run `pnpm build` first. Exits non-zero when a page is over budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const dist = new URL('../apps/web/dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;

/** A chunk and everything it imports statically: what the browser must fetch before the code runs. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const shell = closure(entryKey);
const size = (keys) => [...keys].filter((k) => manifest[k].file.endsWith('.js')).reduce((sum, k) => sum + gzipKb(manifest[k].file), 0);

const rows = [['the shell alone', size(shell)]];
for (const page of manifest[entryKey].dynamicImports ?? []) {
  rows.push([page.replace(/^src\//, ''), size(closure(page, new Set(shell)))]);
}
let over = 0;
for (const [name, kb] of rows) {
  const ok = kb <= BUDGET_KB;
  if (!ok) over++;
  console.log(`${name.padEnd(60)} ${kb.toFixed(1).padStart(7)} KB ${ok ? 'ok' : `OVER ${BUDGET_KB} KB`}`);
}
if (over > 0) {
  console.error(`\n${over} first page(s) over the ${BUDGET_KB} KB budget.`);
  process.exit(1);
}
console.log(`\nEvery first page is within ${BUDGET_KB} KB of gzipped JavaScript.`);
