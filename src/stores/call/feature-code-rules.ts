/** Feature-code settings without Pinia: their shape, defaults, validation and reading what is stored. */

/** PBX feature codes for do-not-disturb and "forward all calls" (defaults: the dev PBX, pbx/README.md) */
export interface FeatureCodes {
  dndOn: string;
  dndOff: string;
  /** dialled followed by the target number: `*72` + `1003` */
  forwardAll: string;
  cancelForward: string;
}
export type FeatureCodeField = keyof FeatureCodes;
export const FEATURE_CODE_FIELDS = [
  'dndOn',
  'dndOff',
  'forwardAll',
  'cancelForward',
] as const satisfies readonly FeatureCodeField[];

export interface FeatureCodeSettings {
  /** "Also set on the PBX": dial the codes when DND or forward-all changes */
  enabled: boolean;
  codes: FeatureCodes;
}
/** validation failures, as i18n codes under `feature_codes.errors.*` */
export type FeatureCodeErrors = Partial<Record<FeatureCodeField, 'invalid'>>;

export const DEFAULT_FEATURE_CODES: Readonly<FeatureCodes> = {
  dndOn: '*78',
  dndOff: '*79',
  forwardAll: '*72',
  cancelForward: '*73',
};
const CODE = /^[0-9*#]{1,8}$/;

export const defaultFeatureCodeSettings = (): FeatureCodeSettings => ({
  enabled: false,
  codes: { ...DEFAULT_FEATURE_CODES },
});

export function validateFeatureCodes(codes: FeatureCodes): FeatureCodeErrors {
  const errors: FeatureCodeErrors = {};
  for (const field of FEATURE_CODE_FIELDS) if (!CODE.test(codes[field].trim())) errors[field] = 'invalid';
  return errors;
}

/** stored settings, whatever they look like, as valid settings (defaults for what is missing or wrong) */
export function readFeatureCodeSettings(value: unknown): FeatureCodeSettings {
  const settings = defaultFeatureCodeSettings();
  if (typeof value !== 'object' || value === null) return settings;
  const stored = value as { enabled?: unknown; codes?: Partial<Record<FeatureCodeField, unknown>> };
  settings.enabled = stored.enabled === true;
  for (const field of FEATURE_CODE_FIELDS) {
    const code = stored.codes?.[field];
    if (typeof code === 'string' && CODE.test(code)) settings.codes[field] = code;
  }
  return settings;
}
