// What the pages derive from finished runs, kept for the life of the tab: a finished run's report never changes,
// and on a large estate its JSON is megabytes, so each is read once (its device names, its checks, its summary).
import { getJson } from "./api.js";

const kept = new Map();

function memo(key, compute) {
  if (!kept.has(key)) {
    const value = compute();
    kept.set(key, value);
    // A failure is not kept: the next page asks again.
    value.catch(() => kept.delete(key));
  }
  return kept.get(key);
}

/** From one read of a finished run's JSON report: its device names and its checks ([id, title] pairs). */
function reportFacts(runId) {
  return memo(`report ${runId}`, async () => {
    const report = await getJson(`/runs/${encodeURIComponent(runId)}/report?format=json`);
    return { devices: report.devices.map((d) => d.name), checks: report.meta.checks.map((c) => [c.id, c.title]) };
  });
}

/** The names of a finished run's devices (those the token may see). */
export async function runDeviceNames(runId) {
  return (await reportFacts(runId)).devices;
}

/** A finished run's checks, [id, title] pairs. */
export async function runChecks(runId) {
  return (await reportFacts(runId)).checks;
}

/** A run that has ended, as GET /runs/:id gives it (with the summary of the token's devices). */
export function endedRun(runId) {
  return memo(`run ${runId}`, () => getJson(`/runs/${encodeURIComponent(runId)}`));
}

/** Forgets everything (signing out: another token may see other devices). */
export function forget() {
  kept.clear();
}
