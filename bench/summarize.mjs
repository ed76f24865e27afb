// Summarise Lighthouse JSON reports and the brotli sizes of the served site against the speed
// budget of issue 4. Called by bench/lighthouse.sh:
//   node bench/summarize.mjs SITE_DIR home=report.json ... map=report.json ...
// Prints one block per page (the median run by score, and every run's score) and the sizes.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const [site, ...pairs] = process.argv.slice(2);
const TARGET_SCORE = { home: 0.9, map: 0.85 };
const PATHS = { home: '/', map: '/map' };
const WASM_BROTLI_LIMIT = 250 * 1024;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mark = (ok) => (ok ? 'meets' : 'MISSES');

const byPage = {};
for (const pair of pairs) {
  const [page, file] = pair.split('=');
  (byPage[page] ||= []).push(JSON.parse(readFileSync(file, 'utf8')));
}

let chartsOnFirstScreen = null;
for (const [page, reports] of Object.entries(byPage)) {
  const runs = reports
    .map((r) => ({
      score: r.categories.performance.score,
      lcp: r.audits['largest-contentful-paint'].numericValue,
      tbt: r.audits['total-blocking-time'].numericValue,
      fcp: r.audits['first-contentful-paint'].numericValue,
      bytes: r.audits['total-byte-weight'].numericValue,
      urls: (r.audits['network-requests'].details?.items || []).map((i) => i.url),
      wasm: (r.audits['network-requests'].details?.items || [])
        .filter((i) => i.url.endsWith('.wasm'))
        .reduce((acc, i) => ({ files: acc.files + 1, bytes: acc.bytes + (i.transferSize || 0) }), { files: 0, bytes: 0 }),
      error: r.runtimeError?.message,
    }))
    .sort((a, b) => a.score - b.score);
  const median = runs[Math.floor(runs.length / 2)];
  const target = TARGET_SCORE[page];
  console.log(`\n${PATHS[page]}  (Lighthouse ${reports[0].lighthouseVersion}, mobile, simulated throttling; median of ${runs.length})`);
  console.log(`  performance score  ${median.score.toFixed(2)}   target >= ${target.toFixed(2)}: ${mark(median.score >= target)}   (runs: ${runs.map((r) => r.score.toFixed(2)).join(', ')})`);
  console.log(`  LCP                ${(median.lcp / 1000).toFixed(2)} s`);
  console.log(`  FCP                ${(median.fcp / 1000).toFixed(2)} s`);
  console.log(`  TBT                ${Math.round(median.tbt)} ms`);
  console.log(`  total bytes        ${kb(median.bytes)} (transferred)`);
  console.log(`  wasm downloaded    ${kb(median.wasm.bytes)} in ${median.wasm.files} file(s)`);
  if (median.error) console.log(`  runtime error      ${median.error}`);
  if (page === 'home') {
    // The first screen of the overview must not need ECharts: no run may have fetched the bundle.
    chartsOnFirstScreen = runs.some((r) => r.urls.some((u) => u.includes('atlas-charts')));
    console.log(`  atlas-charts.js    ${chartsOnFirstScreen ? 'REQUESTED on the first screen: MISSES' : 'not requested on the first screen: meets'}`);
  }
}

// Sizes a phone downloads, after brotli (the .br files the server sends).
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const all = files(site).filter((f) => !f.endsWith('.br') && !f.endsWith('.gz'));
const brotli = (f) => (existsSync(`${f}.br`) ? statSync(`${f}.br`).size : statSync(f).size);
const group = (test) => all.filter(test).map((f) => ({ f: relative(site, f), raw: statSync(f).size, br: brotli(f) }));
const show = (title, list) => {
  for (const { f, raw, br } of list) console.log(`  ${title.padEnd(10)} ${f.padEnd(44)} ${kb(br).padStart(10)} brotli  (${kb(raw)} raw)`);
};
console.log('\nSizes after brotli (quality 11)');
// The app's main module (what every page loads first) and the code split out of it, fetched when
// a page that needs it is opened (src/pages.rs).
const wasm = group((f) => f.endsWith('.wasm'));
const mainWasm = wasm.filter((w) => w.f.endsWith('_bg.wasm'));
const splitWasm = wasm.filter((w) => !w.f.endsWith('_bg.wasm'));
show('wasm', mainWasm);
const total = (list) => list.reduce((sum, w) => sum + w.br, 0);
if (splitWasm.length > 0) {
  const pages = splitWasm.filter((w) => w.f.includes('_split_')).sort((a, b) => b.br - a.br);
  console.log(`  split      ${splitWasm.length} files (pages and the code they share)      ${kb(total(splitWasm)).padStart(10)} brotli in all; largest page file ${pages[0] ? `${pages[0].f.replace(/^.*_split_/, '')} ${kb(pages[0].br)}` : '-'}`);
}
show('js', group((f) => f.endsWith('.js') && !f.includes(`${site}/data/`)));
const css = group((f) => f.endsWith('.css'));
show('css', css);
show('html', group((f) => f.endsWith('.html')));
if (css.length === 0) console.log('  (no separate CSS file: the styles are inlined into index.html)');
const appWasm = total(mainWasm);
console.log(`  app wasm (main module) ${kb(appWasm)} brotli; target <= ${kb(WASM_BROTLI_LIMIT)}: ${mark(mainWasm.length === 1 && appWasm <= WASM_BROTLI_LIMIT)}`);
