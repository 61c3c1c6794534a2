/**
 * Fails a test on any Content Security Policy violation in any page it opened (docs/csp.md).
 *
 * Every browser context a test creates, through `browser.newContext()` or
 * `chromium.launchPersistentContext()`, gets an init script that reports each
 * `securitypolicyviolation` event on the console; the guard collects those reports and Chromium's
 * own CSP console errors ("Refused to …", "… Content Security Policy …") from every page.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
} from '@playwright/test';

/** Marker of the init script's console reports. */
const MARK = '[csp-violation]';

/** Init script: runs in every document before the app, reports violations on the console. */
export function reportCspViolations(mark: string): void {
  document.addEventListener('securitypolicyviolation', (e) => {
    const where = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : '';
    console.error(`${mark} ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${where}`);
  });
}

export function isCspMessage(text: string): boolean {
  return text.startsWith(MARK) || /Content Security Policy/i.test(text);
}

export class CspGuard {
  /** Every violation seen so far, as `page-url: message`. */
  readonly violations: string[] = [];
  private readonly restore: (() => void)[] = [];

  /** Instruments contexts created from now on until `stop()`. */
  start(browser: Browser): void {
    this.wrap(browser, 'newContext');
    this.wrap(chromium, 'launchPersistentContext');
  }

  stop(): void {
    this.restore.splice(0).forEach((undo) => undo());
  }

  /** Hands over (and forgets) what was seen: for a test that provokes violations on purpose. */
  take(): string[] {
    return this.violations.splice(0);
  }

  async watch(context: BrowserContext): Promise<void> {
    await context.addInitScript(reportCspViolations, MARK);
    context.pages().forEach((page) => this.watchPage(page));
    context.on('page', (page) => this.watchPage(page));
  }

  private watchPage(page: Page): void {
    page.on('console', (m: ConsoleMessage) => {
      if (isCspMessage(m.text())) this.violations.push(`${page.url()}: ${m.text()}`);
    });
  }

  /** Replaces `owner[method]` (a context factory) by one that watches what it returns. */
  private wrap<K extends string, T extends Record<K, (...args: never[]) => Promise<BrowserContext>>>(
    owner: T,
    method: K,
  ): void {
    const original = owner[method];
    const wrapped = async (...args: Parameters<T[K]>): Promise<BrowserContext> => {
      const context = await original.apply(owner, args);
      await this.watch(context);
      return context;
    };
    owner[method] = wrapped as T[K];
    this.restore.push(() => {
      owner[method] = original;
    });
  }
}
