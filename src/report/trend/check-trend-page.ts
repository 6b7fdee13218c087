/**
 * Opens a trend page in a real headless Chromium (page-session.ts), probes
 * what was drawn, hovers the last point, optionally saves a screenshot, and
 * optionally types into the filter box and reports which charts stay visible.
 */
import { ChromiumError } from '../chromium/cdp-pipe.js';
import { inChromiumPage, type ChromiumPageOptions, type PageSession } from '../chromium/page-session.js';
import {
  FILTER_EXPRESSION,
  LAST_POINT_EXPRESSION,
  PAGE_PROBE_EXPRESSION,
  TOOLTIP_EXPRESSION,
  type PageProbe,
} from './in-page-probe.js';

export interface PageCheckOptions extends ChromiumPageOptions {
  readonly screenshotFile?: string;
  /** The screenshot is cut at this height, px (a page of hundreds of charts is very tall). */
  readonly screenshotMaxHeight?: number;
  /** Typed into the filter box (after the screenshot). */
  readonly filterText?: string;
}

export interface PageCheck extends PageProbe {
  /** console.error / console.assert calls, uncaught exceptions and error log entries (failed loads). */
  readonly consoleErrors: readonly string[];
  /** The tooltip's lines with the mouse on the first chart's last point (empty when there is no chart). */
  readonly tooltip: readonly string[];
  /** With `filterText`: the keys of the charts still visible once it was typed. */
  readonly visibleAfterFilter?: readonly string[];
}

async function hoverLastPoint(page: PageSession): Promise<string[]> {
  const point = await page.evaluate<{ x: number; y: number } | null>(LAST_POINT_EXPRESSION);
  if (!point) return [];
  await page.cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: point.x, y: point.y }, page.sessionId);
  return page.evaluate<string[]>(TOOLTIP_EXPRESSION);
}

/** Types `text` into the filter box as keyboard input (so the page sees real input events). */
async function typeIntoFilter(page: PageSession, text: string): Promise<string[]> {
  await page.evaluate<void>("document.getElementById('filter').focus()");
  await page.cdp.send('Input.insertText', { text }, page.sessionId);
  return page.evaluate<string[]>(FILTER_EXPRESSION);
}

export async function checkTrendPage(pageFile: string, options: PageCheckOptions): Promise<PageCheck> {
  return inChromiumPage(pageFile, options, async (page) => {
    const probe = await page.evaluate<PageProbe | undefined>(PAGE_PROBE_EXPRESSION);
    if (!probe) throw new ChromiumError('probing the page returned nothing', '');
    const tooltip = probe.ready ? await hoverLastPoint(page) : [];
    if (options.screenshotFile) await page.screenshot(options.screenshotFile, options.screenshotMaxHeight ?? 4000);
    const visibleAfterFilter =
      options.filterText === undefined ? undefined : await typeIntoFilter(page, options.filterText);
    return {
      ...probe,
      consoleErrors: [...page.consoleErrors],
      tooltip,
      ...(visibleAfterFilter ? { visibleAfterFilter } : {}),
    };
  });
}
