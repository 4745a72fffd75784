// The `nxos-config-diff` parser: `show running-config diff`, which prints a context diff from the startup
// configuration to the running one, and nothing when they are the same:
//
//   *** Startup-config
//   --- Running-config
//   ***************
//   *** 38,43 ****
//   --- 38,44 ----
//     interface Ethernet1/1
//   +   description uplink
//   !   mtu 9216            (a changed line)
//   -   shutdown
//
// -> { saved, added, removed, changed }. Only an empty output is "saved"; anything that is neither empty nor such a
// diff (cut, garbled, an error) is an error.
import { ParseError, type Parser } from "../../../parse/types.js";

export interface NxosConfigDiff {
  saved: boolean;
  added: string[];
  removed: string[];
  changed: string[];
}

export const parseNxosConfigDiff: Parser = (raw) => {
  const lines = raw.split(/\r?\n/).filter((l) => l.trim() !== "");
  const result: NxosConfigDiff = { saved: lines.length === 0, added: [], removed: [], changed: [] };
  if (lines.length === 0) return result;
  if (!/^\*\*\* Startup-config\s*$/.test(lines[0]!) || !/^--- Running-config\s*$/.test(lines[1] ?? "")) {
    throw new ParseError('not a running-config diff: expected "*** Startup-config" then "--- Running-config"', 1);
  }
  lines.slice(2).forEach((line, i) => {
    if (/^\*{15}\s*$/.test(line) || /^(\*\*\*|---) \d+(,\d+)? (\*\*\*\*|----)\s*$/.test(line)) return;
    const m = /^([+\-! ]) (.*)$/.exec(line);
    if (!m) throw new ParseError(`not a line of a context diff: "${line.slice(0, 80)}"`, i + 3);
    const text = m[2]!.trim();
    if (m[1] === "+") result.added.push(text);
    else if (m[1] === "-") result.removed.push(text);
    else if (m[1] === "!") result.changed.push(text);
  });
  if (result.added.length + result.removed.length + result.changed.length === 0) {
    throw new ParseError("a diff header with no changed line: cut or garbled");
  }
  return result;
};
