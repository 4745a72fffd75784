// Parser for PAN-OS `show system state filter X` and `show system state filter-pretty X`.
//
// The dump is a sequence of top-level entries `some.key.path: VALUE`, one per line (`show system state filter`)
// or spread over indented lines (`filter-pretty`). A value is a brace map with quoted keys
// (`{ 'mtu': 1500, }`), a bracket list (`[ {...}, {...}, ]`), a quoted string, or an UNQUOTED scalar that may
// hold spaces, slashes, colons, dots, units and even commas (`b4:0c:25:ea:00:40`, `/opt/panrepo`,
// `FINISAR CORP.   `, `0.00 mW`, `1970-01-01 08:00:00`, and a real QSFP+ transceiver code `S dist,SN,M5`).
// An unquoted scalar ends at `}`, `]`, the end of the line, or a comma that is followed by the next quoted
// key, a bracket, the end of the line or the end of the output: a comma followed by anything else is part of
// the value. In a list, every comma separates items. Trailing commas are normal; a missing comma at a line end is tolerated. No library
// reads this format, so it is a hand-written single-pass scanner: linear in the input, no regex
// backtracking, no intermediate token array: a 5 MB dump of 12 000 ports parses in a fraction of a second.
import { ParseError, type Parser } from "../../../parse/types.js";

export type StateValue = string | number | null | StateValue[] | StateMap;
export interface StateMap {
  [key: string]: StateValue;
}
export type SystemState = Record<string, StateValue>;

export interface SystemStateOptions {
  // false keeps every scalar as its trimmed text; the phy parser uses it so that an EEPROM part
  // number such as `1.50` is never rewritten to `1.5`.
  convertNumbers?: boolean;
}

// Deeper nesting than this is not a device output; refusing it keeps a hostile input from
// exhausting the call stack.
const MAX_DEPTH = 256;

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_DQUOTE = 34;
const CH_QUOTE = 39;
const CH_COMMA = 44;
const CH_COLON = 58;
const CH_LBRACKET = 91;
const CH_BACKSLASH = 92;
const CH_RBRACKET = 93;
const CH_LBRACE = 123;
const CH_RBRACE = 125;

const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const FLOAT = /^-?(?:0|[1-9]\d*)\.\d+(?:[eE][-+]?\d+)?$/;

class Scanner {
  pos = 0;
  constructor(
    readonly text: string,
    readonly convertNumbers: boolean,
  ) {}

  // Computing the line only when an error is raised keeps the happy path free of line bookkeeping.
  fail(message: string, at = this.pos): never {
    let line = 1;
    for (let i = 0; i < at && i < this.text.length; i++) if (this.text.charCodeAt(i) === CH_LF) line++;
    throw new ParseError(`system state: ${message}`, line);
  }

  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  skipSpace(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== CH_SPACE && c !== CH_TAB && c !== CH_LF && c !== CH_CR) break;
      this.pos++;
    }
  }

  // Horizontal space only: a bare top-level scalar ends at the end of its line.
  skipBlanks(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== CH_SPACE && c !== CH_TAB) break;
      this.pos++;
    }
  }

  describe(at = this.pos): string {
    if (at >= this.text.length) return "end of output";
    const c = this.text[at] as string;
    if (c === "\n" || c === "\r") return "end of line";
    if (",:{}[]".includes(c)) return `"${c}"`;
    return `"${this.text.slice(at, at + 12).split(/\r?\n/)[0]}"`;
  }
}

export function parseSystemStateText(raw: string, options: SystemStateOptions = {}): SystemState {
  const s = new Scanner(raw, options.convertNumbers !== false);
  const result: SystemState = {};
  let entries = 0;
  s.skipSpace();
  while (s.pos < raw.length) {
    const keyAt = s.pos;
    const key = readTopLevelKey(s);
    setOwn(result, key, readTopLevelValue(s, keyAt));
    entries++;
    s.skipSpace();
  }
  if (entries === 0) s.fail("output is empty: expected at least one `key: value` entry");
  return result;
}

export const parsePanosSystemState: Parser = (raw, options = {}) =>
  parseSystemStateText(raw, { convertNumbers: options.convertNumbers !== false });

// A top-level key is an unquoted path (`sys.s1.p1.phy`) ended by a colon that is followed by
// whitespace, a brace or a bracket; path characters themselves never include whitespace.
function readTopLevelKey(s: Scanner): string {
  const { text } = s;
  const start = s.pos;
  while (s.pos < text.length) {
    const c = text.charCodeAt(s.pos);
    if (c === CH_COLON) {
      const next = s.pos + 1 < text.length ? text.charCodeAt(s.pos + 1) : CH_LF;
      if (isSpace(next) || next === CH_LBRACE || next === CH_LBRACKET) break;
    } else if (isSpace(c) || c === CH_LBRACE || c === CH_RBRACE || c === CH_COMMA || c === CH_QUOTE) {
      s.fail(`expected a top-level "key: value" entry, found ${s.describe(start)}`, start);
    }
    s.pos++;
  }
  if (s.pos >= text.length) s.fail(`top-level key ${s.describe(start)} has no ":"`, start);
  if (s.pos === start) s.fail('expected a key before ":"', start);
  const key = text.slice(start, s.pos);
  s.pos++; // the colon
  return key;
}

function readTopLevelValue(s: Scanner, keyAt: number): StateValue {
  s.skipBlanks();
  const c = s.peek();
  if (c === CH_LF || c === CH_CR || c === -1) s.fail("top-level entry has no value", keyAt);
  if (c === CH_LBRACE || c === CH_LBRACKET || c === CH_QUOTE || c === CH_DQUOTE) {
    const value = readValue(s, 0);
    s.skipBlanks();
    const after = s.peek();
    // A stray comma after a top-level value is tolerated, as inside maps.
    if (after === CH_COMMA) s.pos++;
    return value;
  }
  return readBareTopLevelScalar(s);
}

function readBareTopLevelScalar(s: Scanner): StateValue {
  const start = s.pos;
  let end = s.text.indexOf("\n", start);
  if (end === -1) end = s.text.length;
  s.pos = end;
  return scalar(s, start, end);
}

function readValue(s: Scanner, depth: number, inList = false): StateValue {
  if (depth > MAX_DEPTH) s.fail(`nesting deeper than ${MAX_DEPTH} levels`);
  s.skipSpace();
  const c = s.peek();
  if (c === CH_LBRACE) return readMap(s, depth + 1);
  if (c === CH_LBRACKET) return readList(s, depth + 1);
  if (c === CH_QUOTE || c === CH_DQUOTE) return readQuoted(s);
  if (c === -1) s.fail("value expected, found end of output");
  // An EEPROM field of blanks prints as nothing (`'vendor-name': ,`): in a map that is an empty value.
  if (!inList && (c === CH_COMMA || c === CH_RBRACE)) return "";
  if (c === CH_COMMA || c === CH_RBRACE || c === CH_RBRACKET) {
    s.fail(`value expected, found ${s.describe()}`);
  }
  return readScalar(s, inList);
}

function readMap(s: Scanner, depth: number): StateMap {
  const open = s.pos;
  s.pos++; // {
  const map: StateMap = {};
  for (;;) {
    s.skipSpace();
    const c = s.peek();
    if (c === CH_RBRACE) {
      s.pos++;
      return map;
    }
    if (c === -1) s.fail("unterminated map: no closing \"}\" for the \"{\" opened here", open);
    if (c !== CH_QUOTE && c !== CH_DQUOTE) s.fail(`expected a quoted key or "}", found ${s.describe()}`);
    const key = readQuoted(s);
    s.skipSpace();
    if (s.peek() !== CH_COLON) s.fail(`expected ":" after key '${key}', found ${s.describe()}`);
    s.pos++;
    setOwn(map, key, readValue(s, depth));
    endOfItem(s, CH_RBRACE, open, "map");
  }
}

function readList(s: Scanner, depth: number): StateValue[] {
  const open = s.pos;
  s.pos++; // [
  const list: StateValue[] = [];
  for (;;) {
    s.skipSpace();
    const c = s.peek();
    if (c === CH_RBRACKET) {
      s.pos++;
      return list;
    }
    if (c === -1) s.fail("unterminated list: no closing \"]\" for the \"[\" opened here", open);
    list.push(readValue(s, depth, true));
    endOfItem(s, CH_RBRACKET, open, "list");
  }
}

// After an item: a comma, or directly the closing bracket; anything else means the output is not
// what we think it is, and guessing would hide that.
function endOfItem(s: Scanner, close: number, open: number, what: string): void {
  const before = s.pos;
  s.skipSpace();
  const c = s.peek();
  if (c === CH_COMMA) {
    s.pos++;
    return;
  }
  if (c === close) return;
  // A line break between two items stands for the comma some releases leave out at the end of a line.
  const brokeLine = s.text.slice(before, s.pos).includes("\n");
  if (brokeLine && (c === CH_QUOTE || c === CH_DQUOTE || (close === CH_RBRACKET && (c === CH_LBRACE || c === CH_LBRACKET)))) return;
  if (c === -1) {
    const bracket = close === CH_RBRACE ? "}" : "]";
    s.fail(`unterminated ${what}: no closing "${bracket}" for the one opened here`, open);
  }
  s.fail(`expected "," or "${close === CH_RBRACE ? "}" : "]"}" in ${what}, found ${s.describe()}`);
}

function readQuoted(s: Scanner): string {
  const { text } = s;
  const open = s.pos;
  const quote = text.charCodeAt(s.pos);
  s.pos++;
  let out = "";
  let chunk = s.pos;
  while (s.pos < text.length) {
    const c = text.charCodeAt(s.pos);
    if (c === quote) {
      out += text.slice(chunk, s.pos);
      s.pos++;
      return out;
    }
    if (c === CH_LF) break;
    if (c === CH_BACKSLASH && s.pos + 1 < text.length) {
      out += text.slice(chunk, s.pos) + text[s.pos + 1];
      s.pos += 2;
      chunk = s.pos;
      continue;
    }
    s.pos++;
  }
  return s.fail("unterminated quoted string", open);
}

// In a list every comma separates items (`[ 1, 2, ]`); in a map a comma ends the value only where the next
// key or the end of the block follows (see the file header).
function readScalar(s: Scanner, inList: boolean): StateValue {
  const { text } = s;
  const start = s.pos;
  while (s.pos < text.length) {
    const c = text.charCodeAt(s.pos);
    if (c === CH_RBRACE || c === CH_RBRACKET || c === CH_LF || c === CH_CR) break;
    if (c === CH_COMMA && (inList || commaEndsScalar(text, s.pos + 1))) break;
    if (c === CH_LBRACE || c === CH_LBRACKET) s.fail(`unexpected "${text[s.pos]}" inside a scalar value`);
    s.pos++;
  }
  return scalar(s, start, s.pos);
}

// Looks past the comma (and blanks) without moving: the item goes on only when what follows is not the start
// of the next item or the end of the enclosing block. Bounded by the blank run, so the scan stays linear.
function commaEndsScalar(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && (text.charCodeAt(i) === CH_SPACE || text.charCodeAt(i) === CH_TAB)) i++;
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === CH_QUOTE || c === CH_DQUOTE || c === CH_RBRACE || c === CH_RBRACKET || c === CH_LBRACE || c === CH_LBRACKET || c === CH_LF || c === CH_CR;
}

// Trims by index and slices once: EEPROM fields are padded, and on a multi-megabyte dump the extra
// string per scalar that slice-then-trim would allocate is most of the garbage.
function scalar(s: Scanner, start: number, end: number): StateValue {
  const { text } = s;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const value = text.slice(start, end);
  if (value === "None") return null;
  const first = text.charCodeAt(start);
  const numeric = first === 45 /* - */ || (first >= 48 && first <= 57); /* 0-9 */
  if (s.convertNumbers && numeric && (INTEGER.test(value) || FLOAT.test(value))) {
    const n = Number(value);
    // Beyond 2^53 a serial number would silently change digits: keep it as text.
    if (Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n))) return n;
  }
  return value;
}

function isSpace(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_LF || c === CH_CR;
}

// `__proto__` is a legal key in a device dump; plain assignment would change the prototype instead.
function setOwn(target: Record<string, StateValue>, key: string, value: StateValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** One top-level entry of a dump, as printed: its key, its text (key included) and its first line (1-based). */
export interface StateEntry {
  key: string;
  text: string;
  line: number;
}

/** What {@link splitSystemStateEntries} found: the entries, and any text before the first one. */
export interface StateEntries {
  entries: StateEntry[];
  /** Non-blank text before the first entry (a cut first line, a stray message), with its first line. */
  leading?: { text: string; line: number };
}

// A top-level key starts a line (no indentation) and is a dotted path: `sys.s1.p1.phy`, `local.model`.
// Requiring the dot keeps a device message such as `Error: ...` from being taken for an entry.
const ENTRY_START = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_/-]+)+:(?=[ \t{[]|$)/;

/**
 * Splits a dump into its top-level entries without parsing them, so a caller can read each on its own and
 * keep going when one is unreadable. Both forms split the same way: a one-line entry is one line, a pretty
 * entry runs until the next line that starts with a key.
 */
export function splitSystemStateEntries(raw: string): StateEntries {
  const lines = raw.split("\n");
  const entries: StateEntry[] = [];
  const leading: string[] = [];
  let current: { key: string; lines: string[]; line: number } | undefined;
  const flush = () => {
    if (current) entries.push({ key: current.key, text: current.lines.join("\n"), line: current.line });
  };
  for (const [i, line] of lines.entries()) {
    const match = ENTRY_START.exec(line);
    if (match) {
      flush();
      current = { key: match[0].slice(0, -1), lines: [line], line: i + 1 };
    } else if (current) {
      current.lines.push(line);
    } else {
      leading.push(line);
    }
  }
  flush();
  const firstText = leading.findIndex((l) => l.trim() !== "");
  if (firstText === -1) return { entries };
  return { entries, leading: { text: leading.slice(firstText).join("\n").trim(), line: firstText + 1 } };
}
