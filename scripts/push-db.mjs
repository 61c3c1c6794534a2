// The development PBX's push sender keeps its bindings in SQLite (pbx/push/). The e2e tests and
// the benches read and clear them with Debian's sqlite3 command, waiting up to 5 s while the
// sender holds its write lock rather than failing with "database is locked".
import { execFileSync } from 'node:child_process';

/** Runs one SQL statement on the push sender's database file; returns what sqlite3 printed. */
export function queryPushDb(file, sql) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', file, sql], { encoding: 'utf8' });
}
