// Bundles js/charts.mjs with the modular ECharts build into target/charts/atlas-charts.js.
// Trunk runs this before every build (Trunk.toml [[hooks]]); index.html copies the result into
// dist/. ECharts comes from node_modules (npm ci), never from a CDN, and is never committed.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'target', 'charts', 'atlas-charts.js');
mkdirSync(dirname(outfile), { recursive: true });
const echartsVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'echarts', 'package.json'), 'utf8')).version;

await build({
  entryPoints: [join(root, 'js', 'charts.mjs')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: ['es2019'],
  legalComments: 'none',
  // ECharts is Apache-2.0: keep its notice at the top of the shipped file.
  banner: { js: `/*! Apache ECharts ${echartsVersion} | Apache License 2.0 | https://echarts.apache.org */` },
  outfile,
  logLevel: 'warning',
});
console.log(`atlas-charts.js: ${statSync(outfile).size} bytes`);
