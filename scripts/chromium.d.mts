export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare const PLAYWRIGHT_DISABLED_FEATURES: readonly string[];
