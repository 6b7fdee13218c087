/**
 * The trend page: one self-contained index.html (uPlot and the page script
 * inlined, no CDN) that draws the data.js beside it — the file
 * github-action-benchmark keeps on the Pages branch, or the local history
 * `npm run perf:trend` keeps. The same page works in both places.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { pageFactsJson } from './page-facts.js';
import { PAGE_FACTS_ID, type PageFacts } from './page/page-facts.js';
import { readUplotAssets } from './uplot-assets.js';

export interface TrendPageOptions {
  readonly title: string;
  /** The data.js to load, relative to the page. */
  readonly dataScript: string;
  readonly facts: PageFacts;
}

const PAGE_CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 24px 48px; color: #111827; background: #fff; }
header { margin: 16px 0 8px; }
h1 { font-size: 20px; margin: 0 0 6px; }
h1 .repo { font-size: 14px; font-weight: 400; margin-left: 8px; color: #2563eb; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 8px; color: #374151; }
.verdict { padding: 8px 12px; border-radius: 6px; margin: 4px 0 6px; font-weight: 600; }
.verdict code { font-weight: 600; }
.verdict a { color: inherit; }
.verdict.good { background: #ecfdf5; color: #065f46; border: 1px solid #a7f3d0; }
.verdict.bad { background: #fef2f2; color: #991b1b; border: 1px solid #fecaca; }
#summary { color: #4b5563; margin-bottom: 8px; }
label.filter { font-weight: 600; }
#filter { margin-left: 6px; width: min(480px, 70vw); padding: 4px 8px; font: inherit; border: 1px solid #9ca3af; border-radius: 4px; }
#filter-count { margin-left: 8px; color: #4b5563; }
details.collapsed { margin-top: 28px; }
details.collapsed > summary { font-size: 17px; font-weight: 600; cursor: pointer; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
.missing { color: #6b7280; font-size: 12px; margin: 6px 0 0; }
.grid { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; padding: 8px; border: 1px solid #e5e7eb; border-radius: 6px; position: relative; }
.headline figure.chart { border-color: #93c5fd; }
figcaption { margin-bottom: 4px; }
figcaption .scenario { color: #4b5563; }
figcaption code { font-weight: 600; }
figcaption .why { color: #4b5563; font-size: 12px; }
.tip { position: absolute; z-index: 10; pointer-events: none; background: rgba(17, 24, 39, 0.92); color: #f9fafb;
  padding: 6px 8px; border-radius: 4px; font-size: 12px; max-width: 320px; }
.tip-commit { font-family: ui-monospace, monospace; }
.tip-date { color: #d1d5db; }
.error { color: #b91c1c; }
`;

function assertInlinable(name: string, text: string, closing: string): string {
  if (text.toLowerCase().includes(closing)) throw new Error(`Cannot inline ${name}: it contains \`${closing}\``);
  return text;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The modules the page script may import, as it writes the specifiers, and
 * their sources. Each is served through the import map as a data: URL (so
 * the page stays one file) and must import nothing itself: a data: module
 * cannot resolve a relative import.
 */
const PAGE_MODULES: Readonly<Record<string, URL>> = {
  '../../../lib/format-units.js': new URL('../../lib/format-units.ts', import.meta.url),
  './page-facts.js': new URL('./page/page-facts.ts', import.meta.url),
  './arrange-charts.js': new URL('./page/arrange-charts.ts', import.meta.url),
  './change-marks.js': new URL('./page/change-marks.ts', import.meta.url),
  './chart-filter.js': new URL('./page/chart-filter.ts', import.meta.url),
};

function transpile(url: URL): string {
  const { outputText } = ts.transpileModule(readFileSync(url, 'utf8'), {
    fileName: path.basename(url.pathname),
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, verbatimModuleSyntax: true },
  });
  return outputText;
}

/** The modules a script imports (static and dynamic), as TypeScript's own pre-processor reads them. */
export function importsOf(javascript: string): string[] {
  return ts.preProcessFile(javascript, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * page/trend-client.ts as browser JavaScript (type-only imports vanish), and
 * the modules it imports (PAGE_MODULES), which import nothing.
 */
export function readTrendClientSource(): { readonly client: string; readonly modules: Record<string, string> } {
  const client = transpile(new URL('./page/trend-client.ts', import.meta.url));
  const unknown = importsOf(client).filter((s) => !(s in PAGE_MODULES));
  if (unknown.length > 0)
    throw new Error(
      `page/trend-client.ts may import only ${Object.keys(PAGE_MODULES).join(', ')} (and types); it imports ${unknown.join(', ')}`,
    );
  const modules: Record<string, string> = {};
  for (const [specifier, url] of Object.entries(PAGE_MODULES)) {
    const source = transpile(url);
    if (importsOf(source).length > 0)
      throw new Error(`${url.pathname} is served to the page and must not import anything`);
    modules[specifier] = source;
  }
  return { client, modules };
}

/** The import map that serves the page modules to the inline page script as data: URLs. */
function importMap(modules: Readonly<Record<string, string>>): string {
  const imports = Object.fromEntries(
    Object.entries(modules).map(([specifier, source]) => [
      specifier,
      `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`,
    ]),
  );
  return JSON.stringify({ imports });
}

/** The header: the title, linked to the repository's web address when there is one. */
function header(title: string, repoUrl: string): string {
  const link = /^https:\/\//.test(repoUrl)
    ? ` <a class="repo" href="${escapeHtml(repoUrl)}">${escapeHtml(repoUrl.replace(/^https:\/\//, ''))}</a>`
    : '';
  return [
    '<header>',
    `<h1>${escapeHtml(title)}${link}</h1>`,
    '<div id="verdict"></div>',
    '<div id="summary"></div>',
    '<label class="filter">Filter charts <input id="filter" type="search" autocomplete="off" ',
    'placeholder="suite, scenario, variant or metric — e.g. procman p99"></label>',
    '<span id="filter-count"></span>',
    '</header>',
  ].join('');
}

export function renderTrendPage(options: TrendPageOptions): string {
  const uplot = readUplotAssets();
  const { client, modules } = readTrendClientSource();
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>/* uPlot ${uplot.version} */\n${assertInlinable('uPlot.min.css', uplot.css, '</style')}\n${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    header(options.title, options.facts.repoUrl),
    '<main id="charts"></main>',
    `<script type="application/json" id="${PAGE_FACTS_ID}">${pageFactsJson(options.facts)}</script>`,
    `<script src="${escapeHtml(options.dataScript)}"></script>`,
    `<script>/* uPlot ${uplot.version}, MIT licence */\n${assertInlinable('uPlot.iife.min.js', uplot.script, '</script')}</script>`,
    `<script type="importmap">${importMap(modules)}</script>`,
    `<script type="module">\n${assertInlinable('trend-client.ts', client, '</script')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
