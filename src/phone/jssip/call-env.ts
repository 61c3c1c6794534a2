/** The call environment is the engine's (../call-env.ts); re-exported for this folder's files. */
export type { CallEnv, CallEvents, MediaSetup } from '../call-env';
