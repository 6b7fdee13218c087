/**
 * Opens a trend page in a real headless Chromium (over the DevTools pipe),
 * collects console errors, uncaught exceptions and failed loads, probes what
 * was drawn, and optionally saves a full-page screenshot.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CdpPipe, ChromiumError, type CdpEvent } from './cdp-pipe.js';
import { LAST_POINT_EXPRESSION, PAGE_PROBE_EXPRESSION, TOOLTIP_EXPRESSION, type PageProbe } from './in-page-probe.js';

export interface PageCheckOptions {
  readonly chromium: string;
  readonly screenshotFile?: string;
  /** The screenshot is cut at this height, px (a page of hundreds of charts is very tall). */
  readonly screenshotMaxHeight?: number;
  /** Limit for the whole check, ms. */
  readonly timeoutMs?: number;
  readonly windowSize?: { readonly width: number; readonly height: number };
}

export interface PageCheck extends PageProbe {
  /** console.error / console.assert calls, uncaught exceptions and error log entries (failed loads). */
  readonly consoleErrors: readonly string[];
  /** The tooltip's lines with the mouse on the first chart's last point (empty when there is no chart). */
  readonly tooltip: readonly string[];
}

async function evaluate<T>(cdp: CdpPipe, sessionId: string, expression: string): Promise<T> {
  const evaluated = (await cdp.send(
    'Runtime.evaluate',
    { expression, awaitPromise: true, returnByValue: true },
    sessionId,
  )) as {
    result?: { value?: T };
    exceptionDetails?: { text?: string; exception?: { description?: string } };
  };
  if (evaluated.exceptionDetails) {
    const d = evaluated.exceptionDetails;
    throw new ChromiumError(`probing the page failed: ${d.exception?.description ?? d.text ?? 'exception'}`, '');
  }
  return evaluated.result?.value as T;
}

async function hoverLastPoint(cdp: CdpPipe, sessionId: string): Promise<string[]> {
  const point = await evaluate<{ x: number; y: number } | null>(cdp, sessionId, LAST_POINT_EXPRESSION);
  if (!point) return [];
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: point.x, y: point.y }, sessionId);
  return evaluate<string[]>(cdp, sessionId, TOOLTIP_EXPRESSION);
}

function describeConsoleEvent(event: CdpEvent): string | undefined {
  const p = event.params;
  switch (event.method) {
    case 'Runtime.consoleAPICalled': {
      if (p['type'] !== 'error' && p['type'] !== 'assert') return undefined;
      const args = (p['args'] as { value?: unknown; description?: string }[] | undefined) ?? [];
      return `console.${String(p['type'])}: ${args.map((a) => a.description ?? String(a.value)).join(' ')}`;
    }
    case 'Runtime.exceptionThrown': {
      const details = p['exceptionDetails'] as { text?: string; exception?: { description?: string } } | undefined;
      return `uncaught: ${details?.exception?.description ?? details?.text ?? 'exception'}`;
    }
    case 'Log.entryAdded': {
      const entry = p['entry'] as { level?: string; text?: string; url?: string } | undefined;
      return entry?.level === 'error' ? `log: ${entry.text ?? ''}${entry.url ? ` (${entry.url})` : ''}` : undefined;
    }
    default:
      return undefined;
  }
}

async function inspect(cdp: CdpPipe, pageFile: string, options: PageCheckOptions): Promise<PageCheck> {
  const { targetId } = (await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  const consoleErrors: string[] = [];
  cdp.events.on('event', (event: CdpEvent) => {
    if (event.sessionId !== sessionId) return;
    const text = describeConsoleEvent(event);
    if (text) consoleErrors.push(text);
  });
  await Promise.all(['Runtime.enable', 'Log.enable', 'Page.enable'].map((m) => cdp.send(m, {}, sessionId)));
  const loaded = cdp.once('Page.loadEventFired', sessionId);
  const nav = (await cdp.send('Page.navigate', { url: pathToFileURL(pageFile).href }, sessionId)) as {
    errorText?: string;
  };
  if (nav.errorText) throw new ChromiumError(`cannot open ${pageFile}: ${nav.errorText}`, '');
  await loaded;
  const probe = await evaluate<PageProbe | undefined>(cdp, sessionId, PAGE_PROBE_EXPRESSION);
  if (!probe) throw new ChromiumError('probing the page returned nothing', '');
  const tooltip = probe.ready ? await hoverLastPoint(cdp, sessionId) : [];
  if (options.screenshotFile) {
    const metrics = (await cdp.send('Page.getLayoutMetrics', {}, sessionId)) as {
      cssContentSize: { width: number; height: number };
    };
    const width = metrics.cssContentSize.width;
    const height = Math.min(metrics.cssContentSize.height, options.screenshotMaxHeight ?? 4000);
    const shot = (await cdp.send(
      'Page.captureScreenshot',
      { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height, scale: 1 } },
      sessionId,
    )) as { data: string };
    writeFileSync(options.screenshotFile, Buffer.from(shot.data, 'base64'));
  }
  return { ...probe, consoleErrors, tooltip };
}

export async function checkTrendPage(pageFile: string, options: PageCheckOptions): Promise<PageCheck> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'planebench-chromium-'));
  const size = options.windowSize ?? { width: 1280, height: 1000 };
  const cdp = CdpPipe.launch(options.chromium, [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--allow-file-access-from-files',
    `--user-data-dir=${profileDir}`,
    `--window-size=${size.width},${size.height}`,
    'about:blank',
  ]);
  let timer: NodeJS.Timeout | undefined;
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ChromiumError(`checking ${pageFile} took longer than ${timeoutMs} ms`, cdp.stderrTail)),
        timeoutMs,
      );
    });
    return await Promise.race([inspect(cdp, pageFile, options), timedOut]);
  } finally {
    clearTimeout(timer);
    await cdp.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
