// Turns what an interactive CLI prints into clean text: terminal control sequences, backspaces and carriage returns
// resolved the way a terminal would show them, the echoed command and the trailing prompt removed.

// CSI (ESC [ ... final), OSC (ESC ] ... BEL | ESC \), charset selection (ESC ( B) and two-byte escapes (ESC =, ESC M).
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[()#][0-9A-Za-z]|[@-Z\\^_=>78])/g;
// Other C0 controls a terminal does not print (NUL, BEL, ...); \b, \t, \n and \r are handled separately.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]/g;

/** Removes escape sequences and invisible control characters. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "").replace(INVISIBLE, "");
}

/** A backspace erases the character before it on the same line (pagers and spinners erase their text this way). */
function applyBackspaces(line: string): string {
  if (!line.includes("\b")) return line;
  const out: string[] = [];
  for (const ch of line) {
    if (ch === "\b") out.pop();
    else out.push(ch);
  }
  return out.join("");
}

/** A bare carriage return moves to the start of the line: what follows the last one is what stays visible. */
function applyCarriageReturn(line: string): string {
  const at = line.lastIndexOf("\r");
  return at === -1 ? line : line.slice(at + 1);
}

// Any character the slow path below would change, once CR LF pairs are made LF: ESC, BS, CR and the other controls.
// eslint-disable-next-line no-control-regex
const NEEDS_RESOLVING = /[\x00-\x08\x0b-\x1f\x7f]/;

/** Control sequences resolved, line endings normalised to \n. */
export function toPlainText(raw: string): string {
  // The shell's tail is examined on every chunk (a CLI echoes each keystroke): plain text with CR LF line ends
  // needs only those made LF, which is most chunks, and ten times cheaper than resolving every line.
  const lf = raw.includes("\r") ? raw.replace(/\r+\n/g, "\n") : raw;
  if (!NEEDS_RESOLVING.test(lf)) return lf;
  return stripAnsi(raw)
    .replace(/\r+\n/g, "\n")
    .split("\n")
    .map((line) => applyBackspaces(applyCarriageReturn(line)))
    .join("\n");
}

/**
 * The output of one command from everything received between sending it and its prompt: leading copies of the prompt
 * and the echo line are dropped, as are the final prompt and blank lines at both ends.
 */
export function commandOutput(raw: string, command: string, prompt: string): string {
  const lines = toPlainText(raw).split("\n");
  if (lines.length > 0 && lines[lines.length - 1]?.trimEnd() === prompt.trimEnd()) lines.pop();
  while (lines.length > 0 && lines[0]?.trimEnd() === prompt.trimEnd()) lines.shift();
  // The echo may be preceded by a prompt that arrived late; without an echo (some CLIs) the first line is output.
  if (lines.length > 0 && lines[0]?.trimEnd().endsWith(command.trim())) lines.shift();
  // Lines keep their trailing spaces: some fields are space-padded on the device and parsers decide about them.
  while (lines.length > 0 && lines[0]?.trim() === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === "") lines.pop();
  return lines.join("\n");
}

/** The line of `output` on which `re` first matches, trimmed; undefined when it does not match. */
export function matchingLine(output: string, patterns: RegExp[]): string | undefined {
  for (const re of patterns) {
    const m = re.exec(output);
    if (m === null) continue;
    // The match may start on an earlier blank line (`^\s*`): take the line its last character is on.
    const last = m.index + Math.max(m[0].length - 1, 0);
    const start = output.lastIndexOf("\n", last) + 1;
    const end = output.indexOf("\n", last);
    return output.slice(start, end === -1 ? undefined : end).trim();
  }
  return undefined;
}
