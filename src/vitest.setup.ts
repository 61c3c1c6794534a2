import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach } from 'vitest';
import { loadNumberParser } from '@/directory';

// Unit tests read numbers synchronously: load the number parser (its own chunk in the app) once.
await loadNumberParser();

// Every component a test mounted is unmounted after it. One left mounted keeps reacting (a virtual
// list's frames, a clock) and mounts children, whose store lookups make ITS pinia the active one:
// the next test's `useXStore()` then reads and writes another app's stores.
enableAutoUnmount(afterEach);
