// Which devices a run covers, from the CLI's --device, --group and --tag flags.
//
// Semantics: within one flag the values are alternatives (OR); across flags all must hold (AND). So
// `--group emea --group apac --tag edge` selects the edge devices of EMEA or APAC. No flag at all selects every
// device. --device takes names or globs where `*` stands for any run of characters (`fw-0*`). --group matches a
// device's groups including inherited parent groups, so selecting `emea` includes the devices of `dc1` when dc1's
// parent is emea. A value that matches no device in the whole inventory is a usage error (exit code 3), reported
// with a did-you-mean, rather than silently narrowing the run. Selected devices keep inventory order.
import { didYouMeanHint } from "../util/did-you-mean.js";
import { globMatcher } from "../util/glob.js";
import type { Device } from "./types.js";

export interface SelectionCriteria {
  groups: string[];
  devices: string[];
  tags: string[];
}

export interface SelectionResult {
  selected: Device[];
  /** Usage errors, one sentence each; non-empty means the run must not start. */
  diagnostics: string[];
}

export function selectDevices(devices: readonly Device[], criteria: SelectionCriteria): SelectionResult {
  const namePatterns = criteria.devices.map((value) => ({ value, matches: nameMatcher(value) }));
  const selected = devices.filter(
    (d) =>
      (namePatterns.length === 0 || namePatterns.some((p) => p.matches(d.name))) &&
      (criteria.groups.length === 0 || criteria.groups.some((g) => d.groups.includes(g))) &&
      (criteria.tags.length === 0 || criteria.tags.some((t) => d.tags.includes(t))),
  );
  const names = devices.map((d) => d.name);
  const groups = unique(devices.flatMap((d) => d.groups));
  const tags = unique(devices.flatMap((d) => d.tags));
  const diagnostics = [
    ...namePatterns
      .filter((p) => !names.some(p.matches))
      .map((p) =>
        p.value.includes("*")
          ? `--device "${p.value}": the pattern matches no device`
          : `--device "${p.value}": no such device${didYouMeanHint(p.value, names)}`,
      ),
    ...criteria.groups
      .filter((g) => !groups.includes(g))
      .map((g) => `--group "${g}": no device is in this group${didYouMeanHint(g, groups)}`),
    ...criteria.tags.filter((t) => !tags.includes(t)).map((t) => `--tag "${t}": no device has this tag${didYouMeanHint(t, tags)}`),
  ];
  return { selected, diagnostics };
}

/** Exact name, or a glob where `*` matches any run of characters (`?` is literal in device names). */
function nameMatcher(pattern: string): (name: string) => boolean {
  return globMatcher(pattern, { questionMark: false });
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
