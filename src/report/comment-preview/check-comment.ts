/**
 * Renders report.md as a GitHub comment in headless Chromium and says what a
 * reviewer sees: whether every chart was drawn, and what is on the first
 * screen (1280 × 800) — the verdict, the first regression, its chart.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inChromiumPage } from '../chromium/page-session.js';
import { renderCommentPage } from './render-comment-page.js';

export const FIRST_SCREEN = { width: 1280, height: 800 } as const;

export interface CommentCheck {
  /** ```mermaid blocks in the comment, and how many became an SVG chart. */
  readonly chartBlocks: number;
  readonly chartsDrawn: number;
  /** Mermaid's own errors (a block it could not parse). */
  readonly chartErrors: readonly string[];
  readonly consoleErrors: readonly string[];
  /** The page's first heading (the verdict). */
  readonly verdict: string;
  /** Bottom edges (px from the top) of the verdict, the first regression row and the first chart; -1 when absent. */
  readonly verdictBottom: number;
  readonly firstRegressionBottom: number;
  readonly firstChartBottom: number;
}

const PROBE = `(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  for (let i = 0; i < 600 && !(window.planebenchComment && window.planebenchComment.ready); i += 1) await frame();
  await frame();
  const bottom = (el) => (el ? Math.round(el.getBoundingClientRect().bottom + window.scrollY) : -1);
  const regressions = [...document.querySelectorAll('h3')].find((h) => h.textContent.trim() === 'Regressions');
  let table = regressions ? regressions.nextElementSibling : null;
  while (table && table.tagName !== 'TABLE') table = table.nextElementSibling;
  const blocks = [...document.querySelectorAll('pre.mermaid')];
  return {
    chartBlocks: blocks.length,
    chartsDrawn: blocks.filter((b) => b.querySelector('svg')).length,
    chartErrors: window.planebenchComment ? window.planebenchComment.errors : ['page script never ran'],
    verdict: (document.querySelector('h2') || { textContent: '' }).textContent.trim(),
    verdictBottom: bottom(document.querySelector('h2')),
    firstRegressionBottom: bottom(table ? table.querySelector('tbody tr') : null),
    firstChartBottom: bottom(blocks[0] ? blocks[0].querySelector('svg') : null),
  };
})()`;

export async function checkCommentRender(
  markdown: string,
  options: { readonly chromium: string; readonly screenshotFile?: string },
): Promise<CommentCheck> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'planebench-comment-'));
  try {
    const pageFile = path.join(dir, 'comment.html');
    writeFileSync(pageFile, renderCommentPage(markdown));
    return await inChromiumPage(pageFile, { chromium: options.chromium, windowSize: FIRST_SCREEN }, async (page) => {
      const probe = await page.evaluate<Omit<CommentCheck, 'consoleErrors'>>(PROBE);
      if (options.screenshotFile) await page.screenshot(options.screenshotFile, FIRST_SCREEN.height);
      return { ...probe, consoleErrors: [...page.consoleErrors] };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
