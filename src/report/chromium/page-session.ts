/**
 * A page opened in a real headless Chromium over the DevTools pipe: the
 * session evaluates expressions in it, collects console errors, uncaught
 * exceptions and failed loads, and takes screenshots. Chromium and its
 * profile folder are gone when `inChromiumPage` returns, also on failure
 * and timeout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CdpPipe, ChromiumError, type CdpEvent } from './cdp-pipe.js';

export interface ChromiumPageOptions {
  readonly chromium: string;
  /** Limit for the whole visit, ms. */
  readonly timeoutMs?: number;
  readonly windowSize?: { readonly width: number; readonly height: number };
}

export interface PageSession {
  readonly cdp: CdpPipe;
  readonly sessionId: string;
  /** console.error / console.assert calls, uncaught exceptions and error log entries (failed loads). */
  readonly consoleErrors: readonly string[];
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG of the page from its top, `maxHeight` px at most (the whole page when omitted). */
  screenshot(file: string, maxHeight?: number): Promise<void>;
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

async function openSession(cdp: CdpPipe, pageFile: string): Promise<PageSession> {
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
  const evaluate = async <T>(expression: string): Promise<T> => {
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
  };
  const screenshot = async (file: string, maxHeight?: number): Promise<void> => {
    const metrics = (await cdp.send('Page.getLayoutMetrics', {}, sessionId)) as {
      cssContentSize: { width: number; height: number };
    };
    const width = metrics.cssContentSize.width;
    const height = Math.min(metrics.cssContentSize.height, maxHeight ?? Number.POSITIVE_INFINITY);
    const shot = (await cdp.send(
      'Page.captureScreenshot',
      { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height, scale: 1 } },
      sessionId,
    )) as { data: string };
    writeFileSync(file, Buffer.from(shot.data, 'base64'));
  };
  return { cdp, sessionId, consoleErrors, evaluate, screenshot };
}

export async function inChromiumPage<T>(
  pageFile: string,
  options: ChromiumPageOptions,
  visit: (page: PageSession) => Promise<T>,
): Promise<T> {
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
    return await Promise.race([openSession(cdp, pageFile).then(visit), timedOut]);
  } finally {
    clearTimeout(timer);
    await cdp.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
