/** uPlot's browser build and stylesheet, read from node_modules so the page needs no CDN. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface UplotAssets {
  readonly script: string;
  readonly css: string;
  readonly version: string;
}

const require = createRequire(import.meta.url);

export function readUplotAssets(): UplotAssets {
  const packageJson = require.resolve('uplot/package.json');
  const dist = path.join(path.dirname(packageJson), 'dist');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return {
    script: readFileSync(path.join(dist, 'uPlot.iife.min.js'), 'utf8'),
    css: readFileSync(path.join(dist, 'uPlot.min.css'), 'utf8'),
    version,
  };
}
