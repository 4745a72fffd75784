// The server's Prometheus metrics (prom-client, one registry per app so that tests can build several): runs started
// and finished, devices audited by status, run durations, runs in progress, webhook deliveries, schedule fires, and
// the process's own (CPU, memory, event-loop lag). Counts only: no device names, groups or other customer data.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export class ServerMetrics {
  readonly registry = new Registry();
  readonly runsStarted = new Counter({ name: "preflight_runs_started_total", help: "Audits started, by source (api, schedule)", labelNames: ["source"], registers: [this.registry] });
  readonly runsFinished = new Counter({ name: "preflight_runs_finished_total", help: "Audits ended, by run status (finished, cancelled, failed)", labelNames: ["status"], registers: [this.registry] });
  readonly runsInProgress = new Gauge({ name: "preflight_runs_in_progress", help: "Audits running now in this process", registers: [this.registry] });
  readonly devices = new Counter({ name: "preflight_devices_audited_total", help: "Devices in ended audits, by device status (ready, blocked, warn, unreachable, error, not-run)", labelNames: ["status"], registers: [this.registry] });
  readonly runSeconds = new Histogram({
    name: "preflight_run_duration_seconds",
    help: "Wall time of ended audits",
    buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [this.registry],
  });
  readonly webhookDeliveries = new Counter({ name: "preflight_webhook_deliveries_total", help: "Webhook deliveries, by event and outcome", labelNames: ["event", "outcome"], registers: [this.registry] });
  readonly scheduleFires = new Counter({ name: "preflight_schedule_fires_total", help: "Schedule fire times, by outcome (started, skipped, refused, missed)", labelNames: ["outcome"], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "preflight_" });
  }
}
