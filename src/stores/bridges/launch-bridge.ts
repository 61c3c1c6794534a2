import { createLogger } from '@/lib/logger';
import { cleanLaunchUrl } from '../call/dial-link';
import type { ImportFile } from '../directory/directory';
import type { LaunchStore } from '../app/launch';

const log = createLogger('app');

/** The File Handling / Launch Handler API (Chromium); not in TypeScript's DOM lib yet. */
export interface LaunchParamsLike {
  targetURL?: string | null;
  files: readonly { getFile(): Promise<ImportFile> }[];
}
export interface LaunchQueueLike {
  setConsumer(consumer: (params: LaunchParamsLike) => void): void;
}

export interface LaunchEnvironment {
  href: string;
  /** `history.replaceState`, so a reload neither redials nor re-imports */
  replaceUrl(url: string): void;
  launchQueue: LaunchQueueLike | null;
}

export function browserLaunchEnvironment(): LaunchEnvironment {
  const queue = (window as Window & { launchQueue?: LaunchQueueLike }).launchQueue;
  return {
    href: window.location.href,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
    launchQueue: queue ?? null,
  };
}

async function filesOf(params: LaunchParamsLike): Promise<ImportFile[]> {
  const files: ImportFile[] = [];
  for (const handle of params.files) {
    try {
      files.push(await handle.getFile());
    } catch (error) {
      log.warn('a launched file could not be read', error);
    }
  }
  return files;
}

/**
 * Reads the page's launch URL (`?dial=`, `?import=vcf`, `?tab=`) and every later launch that
 * `launch_handler: focus-existing` delivers to this window through `launchQueue`.
 */
export function bindLaunch(launch: LaunchStore, env: LaunchEnvironment = browserLaunchEnvironment()): void {
  launch.handleUrl(env.href);
  const cleaned = cleanLaunchUrl(env.href);
  if (cleaned !== null) env.replaceUrl(cleaned);
  // the queue also replays the launch that opened this page: that URL is handled already
  let first = true;
  env.launchQueue?.setConsumer((params) => {
    const replay = first && params.targetURL === env.href;
    first = false;
    if (params.targetURL && !replay) launch.handleUrl(params.targetURL);
    if (params.files.length > 0) void filesOf(params).then((files) => launch.importFiles(files));
  });
}
