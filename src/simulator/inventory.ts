// Writes a running fleet as a preflight inventory (YAML), so the CLI, the demo and the benchmark can audit it.
// Credentials are not written: the inventory names the "default" credential set, resolved from the environment.
import { Document, YAMLMap } from "yaml";
import type { SimFleet } from "./types.js";

export interface FleetGroup {
  group: string;
  /** Absent for platforms audited without a target (a Linux host's disk space). */
  targetVersion?: string;
}

export interface FleetInventoryOptions extends FleetGroup {
  /** A mixed fleet: the group (and target) of each platform's devices; other platforms get `group`. */
  platformGroups?: Record<string, FleetGroup>;
}

export function fleetInventoryYaml(fleet: SimFleet, options: FleetInventoryOptions): string {
  const doc = new Document({});
  // One flow mapping per host keeps a 500-device inventory readable: one line per device.
  const flow = (value: unknown) => doc.createNode(value, { flow: true });
  const groupOf = (platform: string): FleetGroup => options.platformGroups?.[platform] ?? options;
  const groups: Record<string, object> = {};
  for (const device of fleet.devices) {
    const { group, targetVersion } = groupOf(device.spec.platform);
    groups[group] ??= targetVersion === undefined ? {} : { target_version: targetVersion };
  }
  if (fleet.devices.length === 0) groups[options.group] = options.targetVersion === undefined ? {} : { target_version: options.targetVersion };
  doc.set("defaults", flow({ credentials: "default" }));
  doc.set("groups", flow(groups));
  const hosts = new YAMLMap<string, unknown>();
  for (const device of fleet.devices) {
    const host = { host: device.host, port: device.port, platform: device.spec.platform, groups: [groupOf(device.spec.platform).group], tags: device.spec.tags ?? [] };
    hosts.set(device.spec.name, flow(host));
  }
  doc.set("hosts", hosts);
  return doc.toString({ lineWidth: 0 });
}
