// A realistic RunReport for the report tests and golden files: eight PAN-OS firewalls covering every device
// status and every check status, the optics finding that motivated preflight (non-OEM SFPs on the 10.1 -> 10.2
// path), and device text that tries to break out of the HTML (script tags, quotes, ampersands, markup).
// Outputs are shaped like the real captures in fixtures/real/paloalto_panos; the optics dump is written by us.

import { createHash } from "node:crypto";
import {
  type InventoryItem,
  CHECK_STATUSES,
  DEVICE_STATUSES,
  REPORT_SCHEMA_VERSION,
  SEVERITIES,
  type CheckRef,
  type CheckResult,
  type CheckStatus,
  type DeviceResult,
  type GatedCheckResult,
  type DeviceStatus,
  type RunReport,
  type Severity,
} from "../../src/model/result.js";
import { markBlocking } from "../../src/model/status.js";

export const HOSTILE_SCRIPT = "<script>alert(1)</script>";
export const HOSTILE_MARKUP = `"quotes" & <b>tags</b>`;

const CHECKS: Record<string, { title: string; severity: Severity }> = {
  "panos-transceivers-supported": { title: "Installed optics are supported on every release of the upgrade path", severity: "critical" },
  "panos-content-version-minimum": { title: "Content version meets the minimum of the target release", severity: "high" },
  "panos-panrepo-free-space": { title: "Enough free space on /opt/panrepo for the images", severity: "high" },
  "panos-ha-synced": { title: "HA peers are in sync", severity: "high" },
  "panos-ntp-synced": { title: "NTP is synchronised", severity: "medium" },
  "panos-licenses-valid": { title: "No expired licenses or support", severity: "medium" },
  "panos-no-uncommitted-changes": { title: "No uncommitted candidate configuration", severity: "low" },
};

/** The sample run's gate: critical and high failures block. */
const FAIL_ON: Severity = "high";

/** A check result as the runner hands it over: with `blocks` set under the sample's gate. */
function check(id: string, status: CheckStatus, extra: Partial<CheckResult> = {}): GatedCheckResult {
  const ref = CHECKS[id];
  if (ref === undefined) throw new Error(`sample report: unknown check ${id}`);
  return markBlocking([{ id, title: ref.title, status, severity: ref.severity, findings: [], evidence: [], ...extra }], FAIL_ON)[0]!;
}

const PATH_10_2 = ["10.1.0", "10.2.0", "10.2.4-h4"];

/** One optic of a check's inventory, with its verdict on each hop of the path (pass unless listed as failing). */
function optic(key: string, vendor: string | null, part: string | null, sku: string | null, failOn: string[] = [], extra: Record<string, string | null> = {}, hops = PATH_10_2): InventoryItem {
  return {
    key,
    fields: { vendor, part, revision: "B4", serial: null, form: "SFP", transceiver: "10000B-SR", media: "SFP-Plus-Fiber", sku, list: sku ? "vendor" : null, error: null, ...extra },
    verdicts: hops.map((hop) => (failOn.includes(hop) ? { hop, status: "fail" as const, message: `${key}: ${vendor ?? "(no vendor name)"} ${part ?? "(no part number)"} is not a supported optic for PAN-OS ${hop}` } : { hop, status: "pass" as const })),
  };
}

const PHY_OUTPUT = `sys.s1.p21.phy: {
  'link-partner': { },
  'media': SFP-Plus-Fiber,
  'sfp': {
    'connector': LC,
    'encoding': 64B66B,
    'identifier': SFP,
    'vendor-name': FINISAR CORP.   ,
    'vendor-part-number': FTLX8571D3BCL   ,
    'vendor-part-rev': A   ,
    'vendor-serial-number': AQJ0G3K   ,
  },
  'type': Ethernet,
}
sys.s1.p22.phy: {
  'link-partner': { },
  'media': SFP-Plus-Fiber,
  'sfp': {
    'connector': LC,
    'encoding': 64B66B,
    'identifier': SFP,
    'vendor-name': FS   ,
    'vendor-part-number': SFP-10GSR-85   ,
    'vendor-part-rev': 02   ,
    'vendor-serial-number': ${HOSTILE_SCRIPT}   ,
  },
  'type': Ethernet,
}
`;

const DISK_OUTPUT = `Filesystem      Size  Used Avail Use% Mounted on
/dev/root       3.8G  2.9G  746M  80% /
/dev/md6        7.6G  7.0G  210M  98% /opt/panrepo
`;

const CONTENT_OUTPUT = `<response status="success"><result><content-updates last-updated-at="2024/05/10 02:00:12 CEST">
<entry><version>8601-7842</version><current>yes</current></entry>
</content-updates></result></response>
`;

function device(
  name: string,
  host: string,
  status: DeviceStatus,
  facts: DeviceResult["facts"],
  checks: GatedCheckResult[],
  extra: Partial<DeviceResult> = {},
): DeviceResult {
  return {
    name,
    host,
    port: 22,
    platform: "panos",
    groups: ["firewalls", name.includes("branch") ? "branch" : "datacenter"],
    tags: ["customer-acme"],
    status,
    targetVersion: "10.2.4-h4",
    upgradePath: PATH_10_2,
    facts,
    checks,
    ...extra,
  };
}

const ALL_PASS = (): GatedCheckResult[] => [
  check("panos-transceivers-supported", "pass"),
  check("panos-content-version-minimum", "pass"),
  check("panos-panrepo-free-space", "pass"),
  check("panos-ha-synced", "pass"),
  check("panos-ntp-synced", "pass"),
  check("panos-licenses-valid", "pass"),
  check("panos-no-uncommitted-changes", "pass"),
];

const DEVICES: DeviceResult[] = [
  device(
    "fw-dc1-edge-01",
    "10.10.1.1",
    "ready",
    { hostname: "fw-dc1-edge-01", model: "PA-3220", serial: "013201001234", softwareVersion: "10.1.11-h1", "ha-mode": "active-passive" },
    [
      check("panos-transceivers-supported", "pass", {
        inventory: { name: "optics", items: [optic("ethernet1/17", "OEM", "PAN-SFP-PLUS-SR", "PAN-SFP-PLUS-SR"), optic("ethernet1/18", "OEM", "PAN-SFP-PLUS-SR", "PAN-SFP-PLUS-SR")] },
      }),
      ...ALL_PASS().slice(1),
    ],
    { durationMs: 8_412 },
  ),
  device(
    "fw-dc1-edge-02",
    "10.10.1.2",
    "blocked",
    { hostname: "fw-dc1-edge-02", model: "PA-3220", serial: "013201001235", softwareVersion: "9.1.17", "ha-mode": "active-passive" },
    [
      check("panos-transceivers-supported", "fail", {
        findings: [
          {
            key: "ethernet1/21",
            hop: "10.2.0",
            message: "ethernet1/21: FINISAR CORP. FTLX8571D3BCL is not supported on PAN-OS 10.2.0",
            expected: "a supported optic for PAN-OS 10.2 (PAN-SFP-PLUS-SR: FINISAR CORP. FTLX8571D3BCL-PL)",
            actual: { vendor: "FINISAR CORP.", part: "FTLX8571D3BCL", serial: "AQJ0G3K" },
          },
          {
            key: "ethernet1/22",
            hop: "10.2.0",
            message: `ethernet1/22: FS SFP-10GSR-85 is not supported on PAN-OS 10.2.0 (serial ${HOSTILE_SCRIPT})`,
            expected: "a supported optic for PAN-OS 10.2",
            actual: { vendor: "FS", part: "SFP-10GSR-85", serial: HOSTILE_SCRIPT },
          },
        ],
        evidence: [{ command: "show system state filter-pretty sys.s1.p2*.phy", output: PHY_OUTPUT }],
        remediation: "Replace these optics with supported models, or remove them, before upgrading.",
        inventory: {
          name: "optics",
          items: [
            optic("ethernet1/20", "OEM", "PAN-SFP-PLUS-SR", "PAN-SFP-PLUS-SR"),
            optic("ethernet1/21", "FINISAR CORP.", "FTLX8571D3BCL", null, ["10.2.0", "10.2.4-h4"]),
            optic("ethernet1/22", "FS", "SFP-10GSR-85", null, PATH_10_2, { serial: HOSTILE_SCRIPT }),
            optic("ethernet1/23", null, null, null, PATH_10_2, { revision: null, transceiver: null }),
            optic(`ethernet1/24 ${HOSTILE_MARKUP}`, `=HYPERLINK("x") ${HOSTILE_MARKUP}`, "SFP-10G-SR", null, PATH_10_2),
          ],
        },
      }),
      check("panos-content-version-minimum", "pass"),
      check("panos-panrepo-free-space", "fail", {
        findings: [{ key: "/opt/panrepo", message: "/opt/panrepo has 210M free; the images of the path need 2.4G", expected: ">= 2.4G", actual: "210M" }],
        evidence: [{ command: "show system disk-space", output: DISK_OUTPUT }],
        remediation: "Delete old software images (delete software version <x>) to free space on /opt/panrepo.",
      }),
      check("panos-ha-synced", "pass"),
      check("panos-ntp-synced", "pass"),
      check("panos-licenses-valid", "pass"),
      check("panos-no-uncommitted-changes", "warn", {
        findings: [{ message: "The candidate configuration has uncommitted changes by admin", expected: "no pending changes", actual: true }],
        evidence: [{ command: "check pending-changes", output: "yes\n" }],
        remediation: "Commit or revert the pending changes before the window.",
      }),
    ],
    { durationMs: 11_870 },
  ),
  device(
    "fw-branch-07",
    "10.20.7.1",
    "unreachable",
    {},
    [],
    { reason: "connect ECONNREFUSED 10.20.7.1:22", upgradePath: [], durationMs: 3_004 },
  ),
  device(
    "fw-dc2-core-01",
    "10.11.0.5",
    "error",
    { hostname: `fw-dc2-core-01 ${HOSTILE_MARKUP}`, model: "PA-5220", serial: "013401000077", softwareVersion: "10.1.9-h3" },
    [
      check("panos-transceivers-supported", "pass", {
        inventory: {
          name: "optics",
          items: [
            optic("ethernet1/21", "OEM", "PAN-QSFP-40GBASE-SR4", "PAN-QSFP-40GBASE-SR4", [], { form: "QSFPP", transceiver: "S dist,SN,M5", media: "QSFP-Plus-Fiber" }),
            optic("ethernet1/5", "OEM", "PAN-SFP-PLUS-SR", "PAN-SFP-PLUS-SR"),
          ],
        },
      }),
      check("panos-content-version-minimum", "pass"),
      check("panos-panrepo-free-space", "error", {
        reason: `could not parse the output of "show system disk-space": line 2 has 3 columns, expected 6`,
        evidence: [{ command: "show system disk-space", output: `Filesystem Size Used\n${HOSTILE_MARKUP}\n\u001b[31mgarbage\u001b[0m\n`, truncated: true }],
      }),
      check("panos-ha-synced", "not-applicable", { reason: "HA is not configured on this device" }),
      check("panos-ntp-synced", "pass"),
      check("panos-licenses-valid", "pass"),
      check("panos-no-uncommitted-changes", "pass"),
    ],
    { durationMs: 9_950 },
  ),
  device(
    "fw-lab-03",
    "lab-fw-03.example.net",
    "not-run",
    {},
    [],
    { reason: "The run was interrupted before this device was audited", port: 2222, upgradePath: [], tags: [] },
  ),
  device(
    "fw-dc2-edge-02",
    "10.11.1.2",
    "warning",
    { hostname: "fw-dc2-edge-02", model: "PA-3260", serial: "013201009876", softwareVersion: "10.2.3", "content-version": "8601-7842" },
    [
      check("panos-transceivers-supported", "pass"),
      check("panos-content-version-minimum", "pass"),
      check("panos-panrepo-free-space", "pass"),
      check("panos-ha-synced", "skip", { reason: "skipped: the HA peer did not answer, so sync cannot be compared" }),
      check("panos-ntp-synced", "warn", {
        findings: [{ message: "NTP is not synchronised: no server is reachable", expected: "synched to a server", actual: "LOCAL" }],
        evidence: [
          {
            command: "show ntp",
            output: "<response status=\"success\"><result><ntp-server-1><name>0.pool.ntp.org</name><reachable>no</reachable></ntp-server-1><synched>LOCAL</synched></result></response>\n",
          },
        ],
        remediation: "Fix NTP reachability; certificate and license checks depend on the clock.",
      }),
      check("panos-licenses-valid", "waived", {
        reason: "Waived by CHG-20240514 until 2024-06-30",
        findings: [{ key: "GlobalProtect Gateway", message: "GlobalProtect Gateway license expired on 2024-04-30", expected: "not expired", actual: "2024-04-30" }],
      }),
      check("panos-no-uncommitted-changes", "pass"),
    ],
    { upgradePath: ["10.2.4-h4"], durationMs: 7_208 },
  ),
  device(
    "fw-branch-09",
    "10.20.9.1",
    "blocked",
    { hostname: "fw-branch-09", model: "PA-440", serial: "021201004411", softwareVersion: "10.1.6" },
    [
      check("panos-transceivers-supported", "not-applicable", { reason: "PA-440 has no SFP ports" }),
      check("panos-content-version-minimum", "fail", {
        findings: [
          {
            message: "Content version 8450-7520 is older than 8700-8004, the minimum for PAN-OS 10.2.4-h4",
            hop: "10.2.4-h4",
            expected: ">= 8700-8004",
            actual: "8450-7520",
          },
        ],
        evidence: [{ command: "request content upgrade info", output: CONTENT_OUTPUT }],
        remediation: "Install a content update at or above the minimum before upgrading (request content upgrade install version latest).",
      }),
      check("panos-panrepo-free-space", "pass"),
      check("panos-ha-synced", "not-applicable", { reason: "HA is not configured on this device" }),
      check("panos-ntp-synced", "pass"),
      check("panos-licenses-valid", "pass"),
      check("panos-no-uncommitted-changes", "pass"),
    ],
    { durationMs: 6_140 },
  ),
  device(
    "fw-dc1-edge-03",
    "10.10.1.3",
    "ready",
    { hostname: "fw-dc1-edge-03", model: "PA-3220", serial: "013201001236", softwareVersion: "10.2.4-h4" },
    ALL_PASS(),
    { upgradePath: [], targetVersion: "10.2.4-h4", durationMs: 5_320 },
  ),
];

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Counts as the runner reports them: findings of every non-passing check, with the check's severity. */
function summarize(devices: DeviceResult[]): RunReport["summary"] {
  const byStatus = zeros(DEVICE_STATUSES);
  const checkResults = zeros(CHECK_STATUSES);
  const findingsBySeverity = zeros(SEVERITIES);
  for (const d of devices) {
    byStatus[d.status] += 1;
    for (const c of d.checks) {
      checkResults[c.status] += 1;
      if (c.status !== "pass") findingsBySeverity[c.severity] += c.findings.length;
    }
  }
  return { devices: devices.length, byStatus, checkResults, findingsBySeverity, exitCode: byStatus.blocked > 0 ? 1 : 2 };
}

const CHECK_REFS: CheckRef[] = Object.entries(CHECKS).map(([id, c]) => ({
  id,
  title: c.title,
  severity: c.severity,
  sha256: createHash("sha256").update(`id: ${id}\n`).digest("hex"),
  source: `checks/panos/${id}.yaml`,
}));

/** A fresh copy on every call, so a test can mutate it freely. */
export function sampleReport(): RunReport {
  const devices = structuredClone(DEVICES);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    meta: {
      tool: { name: "preflight", version: "0.1.0" },
      runBy: { user: "netops", host: "jump-01" },
      startedAt: "2024-05-14T21:00:03.120Z",
      finishedAt: "2024-05-14T21:01:47.905Z",
      interrupted: true,
      selection: { inventory: "inventory/acme.yaml", groups: ["firewalls"], devices: [], tags: ["customer-acme"] },
      failOn: FAIL_ON,
      targetVersions: ["10.2.4-h4"],
      checks: structuredClone(CHECK_REFS),
    },
    summary: summarize(devices),
    devices,
  };
}

/**
 * The run before sampleReport(), for the "Compared with the previous run" cases: fw-dc1-edge-01 was blocked by an
 * optic since replaced (resolved); fw-dc1-edge-02 had only one of its two bad optics (one new problem); fw-branch-07
 * failed the content check and is unreachable now (not re-checked, never "resolved"); fw-dc1-edge-03 is new;
 * fw-old-99 has been decommissioned (removed).
 */
export function previousSampleReport(): RunReport {
  const report = sampleReport();
  report.meta.startedAt = "2024-05-07T21:00:00.000Z";
  report.meta.finishedAt = "2024-05-07T21:01:30.000Z";
  report.meta.interrupted = false;
  const [edge01, edge02, branch07] = report.devices;
  edge01!.status = "blocked";
  edge01!.checks[0] = check("panos-transceivers-supported", "fail", {
    findings: [{ key: "ethernet1/5", hop: "10.2.0", message: "ethernet1/5: FS SFP-10GLR-31 is not supported on PAN-OS 10.2.0" }],
  });
  const optics = edge02!.checks[0]!;
  optics.findings = optics.findings.slice(0, 1);
  branch07!.status = "blocked";
  delete branch07!.reason;
  branch07!.checks = [
    check("panos-content-version-minimum", "fail", {
      findings: [{ message: "Content version 8400-7400 is older than 8700-8004, the minimum for PAN-OS 10.2.4-h4", hop: "10.2.4-h4" }],
    }),
  ];
  report.devices.pop();
  report.devices.push({ ...structuredClone(DEVICES[0]!), name: "fw-old-99", host: "10.99.0.1" });
  report.summary = summarize(report.devices);
  return report;
}
