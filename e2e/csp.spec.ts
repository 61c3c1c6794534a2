/**
 * Content Security Policy (docs/csp.md): the served app carries the policy, and the shared fixture's
 * guard (support/csp-guard.ts), which fails every test on any violation, really notices one.
 * Every other spec proves, by passing under the guard, that the app needs no exception.
 */
import { createServer } from 'vite';
import { headerPolicy, metaPolicy } from '../scripts/csp';
import { expect, test } from './fixtures';

/** Init script: once the document (and so its meta policy) is parsed, breaks the rules twice. */
function misbehave(): void {
  document.addEventListener('DOMContentLoaded', () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    try {
      (window as unknown as { __evalRan: unknown }).__evalRan = window.eval('true');
    } catch {
      // EvalError: what the policy must cause
    }
  });
}

test.describe('Content Security Policy', () => {
  test('the built index.html carries the policy in a meta before any script; the server adds frame-ancestors', async ({
    request,
  }) => {
    const response = await request.get('/');
    expect(response.ok()).toBe(true);
    const html = await response.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1], 'index.html has the policy').toBe(metaPolicy());
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    expect(meta?.[1]).toContain("script-src 'self';");
    expect(meta?.[1]).not.toMatch(/unsafe-(inline|eval)|frame-ancestors/);
    expect(response.headers()['content-security-policy']).toBe(headerPolicy());
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers()['x-frame-options']).toBe('DENY');
  });

  test('the guard catches an injected inline script and an eval', async ({ browser, baseURL, cspGuard }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.addInitScript(misbehave);
    await page.goto('/');
    await expect(page.getByRole('form', { name: 'Account' })).toBeVisible();
    const seen = () => cspGuard.violations.join('\n');
    await expect
      .poll(seen, { message: 'the inline script is reported' })
      .toContain('script-src-elem blocked inline');
    await expect.poll(seen, { message: 'the eval is reported' }).toContain('script-src blocked eval');
    const ran = await page.evaluate(() => {
      const w = window as unknown as { __inlineRan?: boolean; __evalRan?: boolean };
      return { inline: w.__inlineRan ?? false, eval: w.__evalRan ?? false };
    });
    expect(ran, 'the policy blocked both').toEqual({ inline: false, eval: false });
    // seen and handled here: the guard must not fail this test at teardown
    cspGuard.take();
    await context.close();
  });

  test('a violation left unhandled fails the test in the fixture teardown', async ({
    browser,
    baseURL,
    cspGuard,
  }) => {
    test.fail(true, 'expected: the guard fails this test at teardown');
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.addInitScript(misbehave);
    await page.goto('/');
    await expect(page.getByRole('form', { name: 'Account' })).toBeVisible();
    // the report may come late on a busy machine; no assertion here: a failure of this test
    // must come from the guard alone (test.fail would also accept a failed expect)
    for (let i = 0; i < 100 && cspGuard.violations.length === 0; i++) await page.waitForTimeout(100);
    await context.close();
  });

  test('the dev server (npm run demo) serves the app without a violation', async ({ browser }) => {
    test.setTimeout(90_000);
    const server = await createServer({
      configFile: 'vite.config.ts',
      server: { port: 5199 },
      // its own dependency cache: node_modules may be shared with other checkouts
      cacheDir: `${test.info().project.outputDir}/vite-dev-cache`,
      logLevel: 'warn',
    });
    try {
      await server.listen();
      const context = await browser.newContext({ permissions: ['microphone'], locale: 'en-US' });
      const page = await context.newPage();
      const response = await page.goto('http://127.0.0.1:5199/', { timeout: 60_000 });
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await expect(page.getByRole('form', { name: 'Account' })).toBeVisible({ timeout: 45_000 });
      await context.close();
    } finally {
      await server.close();
    }
  });
});
