/** Runs one SQL statement on the push sender's database file; returns what sqlite3 printed. */
export function queryPushDb(file: string, sql: string): string;
