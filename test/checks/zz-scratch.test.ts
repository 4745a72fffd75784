import { it } from "vitest";
import { runCheckTests, formatTestReport } from "../../src/checks/testing.js";
it("scratch", async () => {
  const run = await runCheckTests(["panos-transceivers-supported"]);
  console.log(formatTestReport(run));
  console.log(run.diagnostics);
});
