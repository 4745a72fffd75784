// A platform profile: everything preflight must know to drive one kind of device's CLI safely.
import type { DeviceFacts } from "../model/result.js";

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
