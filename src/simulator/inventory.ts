// Writes a running fleet as a preflight inventory (YAML), so the CLI, the demo and the benchmark can audit it.
// Credentials are not written: the inventory names the "default" credential set, resolved from the environment.
import { Document, YAMLMap } from "yaml";
import type { SimFleet } from "./types.js";

export interface FleetInventoryOptions {
  group: string;
  /** Absent for platforms audited without a target (a Linux host's disk space). */
  targetVersion?: string;
}

export function fleetInventoryYaml(fleet: SimFleet, options: FleetInventoryOptions): string {
  const doc = new Document({});
  // One flow mapping per host keeps a 500-device inventory readable: one line per device.
  const flow = (value: unknown) => doc.createNode(value, { flow: true });
  doc.set("defaults", flow({ credentials: "default" }));
  doc.set("groups", flow({ [options.group]: options.targetVersion === undefined ? {} : { target_version: options.targetVersion } }));
  const hosts = new YAMLMap<string, unknown>();
  for (const device of fleet.devices) {
    const host = { host: device.host, port: device.port, platform: device.spec.platform, groups: [options.group], tags: device.spec.tags ?? [] };
    hosts.set(device.spec.name, flow(host));
  }
  doc.set("hosts", hosts);
  return doc.toString({ lineWidth: 0 });
}
