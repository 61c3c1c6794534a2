/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** package.json's version, set by vite.config.ts (shown in support logs) */
  readonly VITE_APP_VERSION?: string;
  /** pre-fills the sign-in form's WebSocket URL (demo and e2e builds set it) */
  readonly VITE_SIP_WS_URL?: string;
  /** pre-fills the sign-in form's SIP domain */
  readonly VITE_SIP_DOMAIN?: string;
  /**
   * pre-fills the account's company-directory URL (a vCard file fetched cross-origin); the demo and
   * e2e builds set it to the dev PBX's `http://127.0.0.1:8088/directory.vcf`
   */
  readonly VITE_DIRECTORY_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
