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
  /**
   * the Web Push sender next to the PBX (docs/web-push.md); without it the app never subscribes and
   * hides "Ring when the app is closed". The demo and e2e builds set `http://127.0.0.1:8089`
   */
  readonly VITE_PUSH_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
