/** The sections of the Settings dialog, in the order of its tab list. */
export const SETTINGS_SECTIONS = [
  'audio',
  'calls',
  'forwarding',
  'blocked',
  'notifications',
  'display',
  'support',
] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/**
 * The dialogs the top bar can open (from the user menu, the forwarding status, the Support section):
 * the Settings dialog at one of its sections, the account form or the keyboard shortcuts.
 */
export type SettingsDialogName = { dialog: 'settings'; section: SettingsSection } | 'account' | 'shortcuts';

export const settingsAt = (section: SettingsSection): SettingsDialogName => ({ dialog: 'settings', section });

/** a Blob, an object URL and a temporary <a download>: the browser saves the file */
export function saveTextFile(filename: string, text: string, mime = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
