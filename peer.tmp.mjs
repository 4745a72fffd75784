const t0 = process.cpuUsage();
process.on("exit", () => { const u = process.cpuUsage(t0); });
