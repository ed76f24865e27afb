// The only JavaScript Edu Atlas writes: a thin layer over ECharts that the Rust chart module
// (src/charts/) calls through wasm-bindgen. Rust builds every option as JSON; this file only
// does what JSON cannot carry (functions, DOM handles) and the renderer work.
//
// Bundled by js/build-charts.mjs from the npm package with ECharts' modular build, so only the
// chart types and components below are shipped, and loaded lazily the first time a chart is on
// screen (the first paint never waits for it).

import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart, HeatmapChart, ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, MarkLineComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

// Only what src/charts/options.rs builds, and the SVG renderer for SVG downloads.
echarts.use([
  BarChart, LineChart, MapChart, HeatmapChart, ScatterChart,
  GridComponent, TooltipComponent, MarkLineComponent, LegendComponent, TitleComponent,
  CanvasRenderer, SVGRenderer,
]);

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]);
// First-strong isolate … pop directional isolate: a right-to-left override in a name reorders
// nothing outside its own line.
const isolated = (line) => `\u2068${line}\u2069`;

// ECharts inserts a tooltip formatter's return value as HTML. Every data item built in Rust
// carries its tooltip as plain text in `tip`; it is escaped here, so a township named
// `<img src=x onerror=…>` is shown as those characters and never parsed as markup.
function textTooltip(params) {
  const items = Array.isArray(params) ? params : [params];
  const html = items
    .map((p) => {
      const tip = p && p.data && p.data.tip != null ? p.data.tip : `${p.seriesName ?? ''} ${p.name ?? ''}: ${p.value ?? ''}`;
      return escapeHtml(tip).split('\n').map(isolated).join('<br>');
    })
    .join('<br>');
  return html;
}

// Map regions are keyed by township code and heatmap cells by position; their labels come from
// the item's `label` (canvas text, not HTML).
const mapLabel = (p) => (p && p.data && p.data.label != null ? String(p.data.label) : String(p.name ?? ''));

const TOOLTIP_CSS =
  'z-index:40;white-space:normal;overflow-wrap:anywhere;max-width:min(20rem,calc(100vw - 2rem));unicode-bidi:isolate;';

function prepare(option) {
  // `confine` keeps the tooltip inside the chart on a 360 px screen; the z-index keeps it under
  // the township sheet (z-index 50 in style/main.css) instead of ECharts' 9999999. ECharts
  // never wraps a tooltip's lines: a long name (a 60-character one made a 566 px tooltip) wraps
  // here, within the chart's width, and a name with a right-to-left override stays in its line.
  if (option.tooltip) Object.assign(option.tooltip, { formatter: textTooltip, confine: true, extraCssText: TOOLTIP_CSS });
  for (const s of option.series || []) {
    if (s.tooltip) s.tooltip.formatter = textTooltip;
    if (s.type === 'heatmap') {
      // Cell labels are the numbers as formatted in Rust (`95.0`, not ECharts' `95`).
      s.label = Object.assign({}, s.label, { formatter: mapLabel });
    }
    if (s.type === 'map') {
      s.label = Object.assign({}, s.label, { formatter: mapLabel });
      s.emphasis = Object.assign({}, s.emphasis);
      s.emphasis.label = Object.assign({}, s.emphasis.label, { formatter: mapLabel });
    }
  }
  return option;
}

const observers = new WeakMap();

// What the chart drew, as data attributes on its element, so a browser test (or anyone
// inspecting the page) can check it without reading pixels: `data-items` is the number of data
// items in the first series; for a map, `data-regions` is the number of regions drawn and
// `data-region-centres` maps each region's name (a township code) to its centre, in CSS pixels
// from the element's top-left corner (rewritten after every resize).
function describe(el, chart) {
  const first = (chart.getOption().series || [])[0];
  el.dataset.items = String(first && Array.isArray(first.data) ? first.data.length : 0);
  const model = chart.getModel().getSeriesByIndex(0);
  const geo = model && model.subType === 'map' ? model.coordinateSystem : null;
  if (!geo || !Array.isArray(geo.regions)) {
    delete el.dataset.regions;
    delete el.dataset.regionCentres;
    return;
  }
  const centres = {};
  for (const region of geo.regions) {
    const point = chart.convertToPixel({ seriesIndex: 0 }, region.name);
    if (point) centres[region.name] = [Math.round(point[0]), Math.round(point[1])];
  }
  el.dataset.regions = String(geo.regions.length);
  el.dataset.regionCentres = JSON.stringify(centres);
}

/** Draw (or redraw) `optionJson` into `el`; returns nothing: the chart lives on the element. */
export function render(el, optionJson, dark) {
  let chart = echarts.getInstanceByDom(el);
  if (chart && chart.__atlasDark !== !!dark) {
    chart.dispose();
    chart = undefined;
  }
  if (!chart) {
    chart = echarts.init(el, dark ? 'dark' : null, { renderer: 'canvas' });
    chart.__atlasDark = !!dark;
    if (typeof ResizeObserver !== 'undefined' && !observers.has(el)) {
      const ro = new ResizeObserver(() => {
        const c = echarts.getInstanceByDom(el);
        if (c) {
          c.resize();
          describe(el, c);
        }
      });
      ro.observe(el);
      observers.set(el, ro);
    }
  }
  const option = prepare(JSON.parse(optionJson));
  // ECharts' dark theme paints its own navy background; let the page's dark background show.
  if (dark && option.backgroundColor == null) option.backgroundColor = 'transparent';
  chart.setOption(option, { notMerge: true });
  describe(el, chart);
}

/** Register a GeoJSON FeatureCollection under `name` (idempotent). */
export function registerMap(name, geojsonJson) {
  if (!echarts.getMap(name)) echarts.registerMap(name, JSON.parse(geojsonJson));
}

/** Call `callback(code)` when a data item is clicked or tapped; the item's `code` wins over its name. */
export function onSelect(el, callback) {
  const chart = echarts.getInstanceByDom(el);
  if (!chart) return;
  chart.off('click');
  chart.on('click', (p) => {
    const code = p && p.data && p.data.code != null ? p.data.code : p && p.name;
    if (code != null) callback(String(code));
  });
}

/** Show the tooltip of the item at `index` in series 0's data (keyboard focus mirrors hover). */
export function showTip(el, index) {
  const chart = echarts.getInstanceByDom(el);
  if (chart) chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: index });
}

export function dispose(el) {
  const chart = echarts.getInstanceByDom(el);
  if (chart) chart.dispose();
  const ro = observers.get(el);
  if (ro) {
    ro.disconnect();
    observers.delete(el);
  }
}

/**
 * PNG data URL of `optionJson` drawn off-screen at `width`×`height` CSS pixels and
 * `pixelRatio` (2 for print), on `background`. Downloads use the export option built in Rust
 * (with title, source line and sample notice), not the on-screen chart.
 */
export function toPng(optionJson, width, height, pixelRatio, background) {
  const el = document.createElement('div');
  const chart = echarts.init(el, null, { renderer: 'canvas', width, height, devicePixelRatio: pixelRatio });
  const option = prepare(JSON.parse(optionJson));
  option.animation = false;
  option.backgroundColor = background;
  chart.setOption(option);
  const url = chart.getDataURL({ type: 'png', pixelRatio, backgroundColor: background });
  chart.dispose();
  return url;
}

/** The option rendered to an SVG document string with ECharts' server-side SVG renderer. */
export function toSvg(optionJson, width, height) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const option = prepare(JSON.parse(optionJson));
  option.animation = false;
  option.backgroundColor = '#ffffff';
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
