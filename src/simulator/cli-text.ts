// Text and fault helpers every simulated vendor CLI shares: a device's output as lines, the wire's CRLF, the fault
// that applies to a command, line noise for the `garbage` fault, and the `| include/exclude/begin` filters that
// EOS and NX-OS apply to printed lines. The CLIs differ in prompts, pagers and errors, not in these.
import { randomBytes } from "node:crypto";
import type { Fault } from "./types.js";

/** The fault injected on this command, if any (faults that act before the shell are not command faults). */
export function commandFault(faults: Fault[] | undefined, command: string): Fault | undefined {
  return faults?.find((f) => f.kind !== "refuse" && f.kind !== "auth-reject" && f.kind !== "hang-after-login" && (f.command === undefined || f.command === command));
}

/** Random bytes with control characters and invalid UTF-8 guaranteed in them. */
export function garbage(): Buffer {
  return Buffer.concat([randomBytes(96), Buffer.from([0x00, 0x07, 0x1b, 0x08, 0xff, 0xfe, 0xc3, 0x28, 0x80]), randomBytes(96)]);
}

/** The device's text (\n endings) as lines; a trailing newline does not make an extra line. */
export function toLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Lines as the pty puts them on the wire. */
export const crlf = (lines: string[]): string => lines.map((line) => `${line}\r\n`).join("");

/** `| include`, `| exclude` and `| begin` on the printed lines (the argument is a regular expression). */
export function applyFilter(lines: string[], filter: string): string[] | undefined {
  const m = /^(include|exclude|begin) (.+)$/.exec(filter);
  if (!m) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(m[2] as string);
  } catch {
    return undefined;
  }
  if (m[1] === "include") return lines.filter((l) => re.test(l));
  if (m[1] === "exclude") return lines.filter((l) => !re.test(l));
  const at = lines.findIndex((l) => re.test(l));
  return at === -1 ? [] : lines.slice(at);
}
