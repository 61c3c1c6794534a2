/**
 * Every language's messages at once, for the checks that compare them (i18n.test.ts). The app never
 * imports this module: it loads English with the first screen and the other languages on demand.
 */
import de from './bundles/de';
import en, { type MessageSchema } from './bundles/en';
import fr from './bundles/fr';
import it from './bundles/it';
import type { Locale } from './locale';

export const messages: Record<Locale, MessageSchema> = { en, fr, de, it };
