import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's WCAG 2.x A/AA rules on the page as it is now. The script goes in through the DevTools
 * protocol (page.evaluate), which the page's Content Security Policy does not apply to.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResults> } })
      .axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 6).map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * Text that does not fit: a control or label whose content is wider than its box (and is not an
 * intentional ellipsis), a placeholder wider than its field, or an element sticking out of its panel.
 */
export async function clippedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const canvas = document.createElement('canvas').getContext('2d');
    const problems: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const texts = document.querySelectorAll(
      'button, label, h1, h2, h3, h4, [role="tab"], [role="menuitem"], [role="menuitemradio"], [role="menuitemcheckbox"], .panel__title, .call__state, .badge, legend, th',
    );
    // where the element's own visible text is laid out (decorations such as badges do not count)
    const textBox = (el: Element): DOMRect | null => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let box: DOMRect | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (
          !node.textContent?.trim() ||
          node.parentElement?.closest('.visually-hidden, [aria-hidden="true"]')
        )
          continue;
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width === 0) continue;
          box = box
            ? new DOMRect(
                Math.min(box.left, r.left),
                box.top,
                Math.max(box.right, r.right) - Math.min(box.left, r.left),
                box.height,
              )
            : r;
        }
      }
      return box;
    };
    for (const el of texts) {
      if (!visible(el) || el.closest('.visually-hidden')) continue;
      if (getComputedStyle(el).textOverflow === 'ellipsis') continue;
      const text = textBox(el);
      if (!text) continue;
      const box = el.getBoundingClientRect();
      if (text.left < box.left - 1 || text.right > box.right + 1)
        problems.push(`text wider than its box: ${name(el)}`);
      const panel = el.closest('.panel, .menu, .app-dialog, .topbar');
      const edge = panel?.getBoundingClientRect();
      if (edge && (text.right > edge.right + 1 || box.right > edge.right + 1))
        problems.push(`sticks out of its panel: ${name(el)}`);
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (!visible(input) || !canvas || input.value) continue;
      const style = getComputedStyle(input);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (canvas.measureText(input.placeholder).width > room + 1)
        problems.push(`placeholder cut: "${input.placeholder}"`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth)
      problems.push(`page wider than the window: ${document.documentElement.scrollWidth}px`);
    return problems;
  });
}
