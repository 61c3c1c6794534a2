/** Characters people paste inside phone numbers: `+41 (0)44 123-45.67`. */
const PHONE_NUMBER = /^[+\d\s().\-/*#]+$/;

/**
 * Turns what the user typed or pasted into a dial target: a phone number loses its spacing
 * and punctuation (`+41 44 123 45 67` → `+41441234567`); anything else (extension, name,
 * `sip:1002@pbx.test`) is only trimmed.
 */
export function normalizeDialTarget(input: string): string {
  const text = input.trim();
  if (!PHONE_NUMBER.test(text) || !/\d/.test(text)) return text;
  const digits = text.replace(/[^\d*#+]/g, '');
  return digits.startsWith('+') ? `+${digits.slice(1).replace(/\+/g, '')}` : digits.replace(/\+/g, '');
}
