/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** pre-fills the sign-in form's WebSocket URL (demo and e2e builds set it) */
  readonly VITE_SIP_WS_URL?: string;
  /** pre-fills the sign-in form's SIP domain */
  readonly VITE_SIP_DOMAIN?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
