import type { Theme } from '@/stores';

/**
 * Puts the user's colour theme on <html>. base.css declares `color-scheme: light dark`, so without
 * a choice ('system') the browser's prefers-color-scheme picks each `light-dark()` colour; a choice
 * sets `data-theme`, which narrows color-scheme to that one theme.
 */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
