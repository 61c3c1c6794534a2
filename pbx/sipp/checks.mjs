// The smoke scripts' tiny test harness: one "ok - …" / "not ok - …: reason" line per check, then
// "N passed, N failed" and the exit code (1 when one failed).
export function createChecks() {
  let passed = 0;
  let failed = 0;
  async function check(name, fn) {
    try {
      await fn();
      passed++;
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}: ${e.message}`);
    }
  }
  function results() {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }
  return { check, results };
}
