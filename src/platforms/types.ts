// The platform plugin contract: everything preflight knows of one kind of device lives in one folder,
// src/platforms/<netmiko-name>/, and reaches the core only through a PlatformPlugin listed in registry.ts.
// The core (runner, checks, report, cli) never names a vendor; see docs/architecture.md.
import type { DeviceFacts } from "../model/result.js";
import type { Parser } from "../parse/types.js";
import type { CliConnection, SimDeviceSpec } from "../simulator/types.js";
import type { ServerChannel } from "ssh2";

export type ReadOnlyVerdict = { ok: true } | { ok: false; reason: string };

export interface FactSource {
  command: string;
  parse(output: string): DeviceFacts;
}

export interface PlatformProfile {
  /** netmiko's name, e.g. paloalto_panos. */
  name: string;
  /** Human name for reports. */
  label: string;
  /** Matches the operational prompt at the end of the buffer, e.g. `admin@fw1>`. */
  promptPattern: RegExp;
  /** Run once after login to make the CLI scriptable; these only change this CLI session. */
  sessionSetup: string[];
  /** Output that means the CLI rejected the command. */
  errorPatterns: RegExp[];
  /** A pager waiting for a key; answered with a space in case `pager off` did not take. */
  pagerPattern: RegExp;
  /** A login banner asking to be acknowledged inside the shell. */
  bannerPattern: RegExp;
  bannerAnswer: string;
  /** Refuses any command that could change the device (session settings such as the pager are allowed). */
  isReadOnly(command: string): ReadOnlyVerdict;
  /** Commands that only change this CLI session: preflight sends them itself; checks may not. */
  isSessionSetting(command: string): boolean;
  /** Removes secrets (private keys, password hashes, pre-shared keys) from an output before anything keeps it. */
  redactSecrets(output: string): string;
  /** Output modes other than text, entered and left with session settings (PAN-OS: XML). */
  outputModes: Partial<Record<"xml", { enter: string; exit: string }>>;
  /** Commands whose outputs give device facts, and how to read each; the first one is required. */
  facts: FactSource[];
}

/** How one platform's version strings parse and order (docs/versions.md). */
export interface VersionOrdering {
  /** Throws VersionParseError, naming the string, on anything that is not a version of the platform. */
  parse(s: string): unknown;
  /** A total order: -1, 0 or 1. Also accepts a partial "MAJOR" or "MAJOR.MINOR". */
  compare(a: string, b: string): number;
  /** The train a version belongs to ("10.2.4-h4" -> "10.2"), for data organised by release. */
  featureRelease?(s: string): string;
}

/** A parser a platform contributes to the names a check may use in `gather.<name>.parser`. */
export interface ParserEntry {
  parse: Parser;
  /** JSON Schema (draft-07, ajv strict-clean) of the parser's options. */
  optionsSchema: object;
  /** What a schema cannot say about options (patterns that do not compile, ...). */
  optionProblems?(options: Record<string, unknown>): string[];
}

/** One release a device boots on its way to the target. */
export interface PathHop {
  version: string;
  featureRelease: string;
  reason: string;
  /** Id of the rule (in the platform's data) that makes this hop necessary or allows it. */
  rule: string;
}

export interface PlannedPath {
  from: string;
  to: string;
  /** Booted in order; the target is last. Empty when the device already runs the target. */
  hops: PathHop[];
  /** Images to download, in order. */
  downloads: string[];
}

export interface PathOptions {
  /** Which release of each intermediate train to boot. */
  maintenance?: "latest-known" | "none";
  /** An HA pair: both peers must reach every feature release. */
  ha?: boolean;
}

/** A path that cannot be planned, or a given path that breaks the rules; `problems` lists every reason. */
export class PathError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join("\n"));
    this.name = "PathError";
    this.problems = problems;
  }
}

/** Upgrade-path planning with the platform's rules already loaded and checked. Pure. */
export interface PathPlanner {
  /** The releases to boot from `from` to `to`; throws PathError. */
  plan(from: string, to: string, options?: PathOptions): PlannedPath;
  /** Checks a path given by the user (the target last) against the rules; throws PathError. */
  check(from: string, path: readonly string[], to: string, options?: PathOptions): PlannedPath;
  /** The path as `preflight path` prints it: every hop with its rule and source, and the downloads. */
  format(path: PlannedPath): string;
  /** What to do when a path breaks the rules or cannot be planned. */
  remediation: string;
}

export interface UpgradePaths {
  /** Reads and checks the platform's rules; rejects with an InputError (file:line:col) when they are bad. */
  load(file?: string): Promise<PathPlanner>;
}

/** A simulated device's CLI on an SSH shell channel (test and demo infrastructure, loaded only when asked). */
export interface SimulatedCli {
  runShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void;
  /** Answers an `exec` request; absent: exec is refused, as on devices whose CLI only runs in a shell. */
  runExec?(channel: ServerChannel, spec: SimDeviceSpec, command: string): void;
}

/** Everything preflight knows of one platform. */
export interface PlatformPlugin extends PlatformProfile {
  versions: VersionOrdering;
  /** Parsers for this platform's own output formats, by the name checks use. */
  parsers?: Record<string, ParserEntry>;
  /** Present when preflight knows the vendor's upgrade-path rules. */
  upgradePaths?: UpgradePaths;
  /** The simulated device, imported lazily so the product path never loads simulator code. */
  simulator?: () => Promise<SimulatedCli>;
  /** A simulated fleet with a known answer, for `npm run demo`, the standalone simulator and the bench. */
  demoFleet?: () => Promise<DemoFleet>;
}

/** What a demo device must be classified as. */
export type DemoOutcome = "ready" | "blocked" | "unreachable" | "error";

/** A deterministic simulated fleet whose every device's audit outcome is known in advance. */
export interface DemoFleet {
  /** The fleet in one line for the console, e.g. "50 simulated PAN-OS firewalls". */
  describe(count: number): string;
  /** Device N is the same in every fleet size. */
  specs(count: number, credentials: { username: string; password: string }): SimDeviceSpec[];
  expected(spec: SimDeviceSpec): DemoOutcome;
  /** The target version the demo audits for. */
  targetVersion: string;
  /** The checks the demo runs. */
  checks: string[];
}
