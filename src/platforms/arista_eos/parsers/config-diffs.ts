// The `eos-config-diffs` parser: `show running-config diffs`, which prints the unified diff from the startup
// configuration to the running one, and nothing at all when they are the same (ANTA's VerifyRunningConfigDiffs
// passes on exactly that empty output). So here, and only here, an empty output is an answer: "saved".
//
//   --- flash:/startup-config
//   +++ system:/running-config
//   @@ -10,6 +10,7 @@
//    interface Ethernet1
//   +   description uplink to spine1
//
// Anything that is neither empty nor such a diff (a truncated or garbled output) is an error, never "saved".
import { ParseError, type Parser } from "../../../parse/types.js";

export interface EosConfigDiffs {
  saved: boolean;
  /** Lines only in the running configuration (unsaved additions), without the leading "+". */
  added: string[];
  /** Lines only in the startup configuration (unsaved removals), without the leading "-". */
  removed: string[];
}

export const parseEosConfigDiffs: Parser = (raw) => {
  const text = raw.replace(/\r\n/g, "\n");
  if (text.trim() === "") return { saved: true, added: [], removed: [] } satisfies EosConfigDiffs;
  const lines = text.split("\n");
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === "") lines.pop();
  if (!/^--- \S/.test(lines[0] ?? "") || !/^\+\+\+ \S/.test(lines[1] ?? "")) {
    throw new ParseError(`expected a diff starting with "--- <startup>" and "+++ <running>", found "${(lines[0] ?? "").trim().slice(0, 80)}"`, 1);
  }
  const added: string[] = [];
  const removed: string[] = [];
  lines.slice(2).forEach((line, i) => {
    if (line.startsWith("@@")) {
      if (!/^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/.test(line)) throw new ParseError(`malformed hunk header "${line.slice(0, 80)}"`, i + 3);
    } else if (line.startsWith("+")) added.push(line.slice(1));
    else if (line.startsWith("-")) removed.push(line.slice(1));
    else if (!line.startsWith(" ") && line !== "" && !line.startsWith("\\")) throw new ParseError(`not a line of a unified diff: "${line.slice(0, 80)}"`, i + 3);
  });
  if (added.length === 0 && removed.length === 0) throw new ParseError("a diff header without any changed line");
  return { saved: false, added, removed } satisfies EosConfigDiffs;
};
