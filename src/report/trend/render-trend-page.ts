/**
 * The trend page: one self-contained index.html (uPlot and the page script
 * inlined, no CDN) that draws the data.js beside it — the file
 * github-action-benchmark keeps on the Pages branch, or the local history
 * `npm run perf:trend` keeps. The same page works in both places.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { readUplotAssets } from './uplot-assets.js';

export interface TrendPageOptions {
  readonly title: string;
  /** The data.js to load, relative to the page. */
  readonly dataScript: string;
}

const PAGE_CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 24px 48px; color: #111827; background: #fff; }
header { margin: 16px 0 8px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
#summary { color: #4b5563; }
.grid { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; padding: 8px; border: 1px solid #e5e7eb; border-radius: 6px; position: relative; }
figcaption { margin-bottom: 4px; }
figcaption .scenario { color: #4b5563; }
figcaption code { font-weight: 600; }
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

/** The one module the page script imports, as it writes the specifier. */
const FORMAT_UNITS_SPECIFIER = '../../format-units.js';

function transpile(url: URL, fileName: string): string {
  const { outputText } = ts.transpileModule(readFileSync(url, 'utf8'), {
    fileName,
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
 * the module it imports, src/report/format-units.ts, which imports nothing.
 */
export function readTrendClientSource(): { readonly client: string; readonly formatUnits: string } {
  const client = transpile(new URL('./page/trend-client.ts', import.meta.url), 'trend-client.ts');
  const formatUnits = transpile(new URL('../format-units.ts', import.meta.url), 'format-units.ts');
  const clientImports = importsOf(client).filter((s) => s !== FORMAT_UNITS_SPECIFIER);
  if (clientImports.length > 0)
    throw new Error(
      `page/trend-client.ts may import only ${FORMAT_UNITS_SPECIFIER} (and types); it imports ${clientImports.join(', ')}`,
    );
  if (importsOf(formatUnits).length > 0) throw new Error('src/report/format-units.ts must not import anything');
  return { client, formatUnits };
}

/** The import map that serves format-units to the inline page script: a data: URL, so the page stays one file. */
function importMap(formatUnits: string): string {
  const url = `data:text/javascript;base64,${Buffer.from(formatUnits).toString('base64')}`;
  return JSON.stringify({ imports: { [FORMAT_UNITS_SPECIFIER]: url } });
}

export function renderTrendPage(options: TrendPageOptions): string {
  const uplot = readUplotAssets();
  const { client, formatUnits } = readTrendClientSource();
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
    `<header><h1>${escapeHtml(options.title)}</h1><div id="summary"></div></header>`,
    '<main id="charts"></main>',
    `<script src="${escapeHtml(options.dataScript)}"></script>`,
    `<script>/* uPlot ${uplot.version}, MIT licence */\n${assertInlinable('uPlot.iife.min.js', uplot.script, '</script')}</script>`,
    `<script type="importmap">${importMap(formatUnits)}</script>`,
    `<script type="module">\n${assertInlinable('trend-client.ts', client, '</script')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
