// Python `re` patterns as JavaScript RegExps. TextFSM templates are written for Python's regex dialect, so each
// pattern is parsed with Python's rules (what is a quantifier, a literal `{`, an escape, a class) into a small tree
// and printed for V8 with the `u` flag. Where the dialects differ in meaning the printed form spells Python's:
//   \w \d \s \b are Unicode in Python 3 and ASCII (or nearly) in JS; `$` also matches before a final "\n";
//   `.` excludes only "\n"; \A \Z; `{,n}`; a `{` that is no quantifier is a literal; `]` first in a class is a literal;
//   atomic groups `(?>...)` and possessive quantifiers (`a*+`, Python 3.11+) become `(?=(...))\N`, which matches
//   the same strings with the same backtracking cut.
// Not supported, with an error naming the construct: conditional groups `(?(1)a|b)`, scoped `(?i:...)`/`(?-i:...)`
// (V8 in Node 20 has no pattern modifiers), `(?L)`, `\N{NAME}`. Global flags must lead the pattern, as in Python 3.11+.

export class PyRegexError extends Error {
  /** 0-based offset of the problem in the Python pattern. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "PyRegexError";
    this.offset = offset;
  }
}

interface Flags {
  ignoreCase: boolean;
  dotAll: boolean;
  multiline: boolean;
  verbose: boolean;
  ascii: boolean;
}

type ClassItem =
  | { kind: "char"; cp: number }
  | { kind: "range"; from: number; to: number }
  | { kind: "shorthand"; letter: string; ascii: boolean };

type Node =
  | { kind: "alt"; branches: Node[][] }
  | { kind: "group"; capture: boolean; name?: string; body: Node; look?: "=" | "!" | "<=" | "<!"; atomic?: boolean }
  | { kind: "repeat"; body: Node; min: number; max: number; lazy: boolean; possessive: boolean }
  | { kind: "char"; cp: number }
  | { kind: "class"; negated: boolean; items: ClassItem[] }
  | { kind: "shorthand"; letter: string; ascii: boolean }
  | { kind: "dot"; dotAll: boolean }
  | { kind: "bol"; multiline: boolean }
  | { kind: "eol"; multiline: boolean }
  | { kind: "strStart" }
  | { kind: "strEnd" }
  | { kind: "wordBoundary"; negated: boolean; ascii: boolean }
  | { kind: "backref"; group: number };

export interface TranslatedRegex {
  /** The JavaScript pattern source, for `new RegExp(source, flags)`. */
  source: string;
  flags: string;
  /** Python's named groups, in the order Python's groupdict() lists them. */
  names: string[];
  /** Number of capturing groups as Python counts them. */
  groups: number;
  /** jsGroup[n]: the JS group number of Python's group n (they differ after an atomic group or possessive quantifier). */
  jsGroup: number[];
}

const HEX = /^[0-9a-fA-F]+$/;
const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
const IDENT = /^[\p{L}\p{Nl}_][\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]*$/u;

class Parser {
  private pos = 0;
  private groupCount = 0;
  private readonly openGroups = new Set<number>();
  readonly names: string[] = [];
  readonly nameIndex = new Map<string, number>();
  readonly flags: Flags = { ignoreCase: false, dotAll: false, multiline: false, verbose: false, ascii: false };

  constructor(private readonly src: string) {}

  get groups(): number {
    return this.groupCount;
  }

  parse(): Node {
    this.leadingFlags();
    const node = this.alternation(this.flags);
    if (this.pos < this.src.length) throw this.error("unbalanced parenthesis", this.pos);
    return node;
  }

  private error(message: string, at = this.pos): PyRegexError {
    return new PyRegexError(message, at);
  }

  // Python 3.11+: `(?aiLmsux)` groups are global flags only at the very start (several may follow each other).
  private leadingFlags(): void {
    for (;;) {
      const m = /^\(\?([aiLmsux]+)\)/.exec(this.src.slice(this.pos));
      if (!m) return;
      this.applyFlags(m[1] ?? "", this.flags, this.pos);
      this.pos += m[0].length;
    }
  }

  private applyFlags(letters: string, flags: Flags, at: number, off = false): void {
    for (const letter of letters) {
      if (letter === "L") throw this.error("the LOCALE flag (?L) is not supported for str patterns", at);
      if (letter === "u") continue;
      const key = ({ a: "ascii", i: "ignoreCase", m: "multiline", s: "dotAll", x: "verbose" } as const)[letter as "a" | "i" | "m" | "s" | "x"];
      flags[key] = !off;
    }
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private skipVerbose(flags: Flags): void {
    if (!flags.verbose) return;
    for (;;) {
      const c = this.peek();
      if (c === undefined) return;
      if (c === "#") {
        while (this.peek() !== undefined && this.peek() !== "\n") this.pos++;
      } else if (/\s/.test(c)) this.pos++;
      else return;
    }
  }

  private alternation(flags: Flags): Node {
    const branches: Node[][] = [this.sequence(flags)];
    while (this.peek() === "|") {
      this.pos++;
      branches.push(this.sequence(flags));
    }
    return { kind: "alt", branches };
  }

  private sequence(flags: Flags): Node[] {
    const items: Node[] = [];
    for (;;) {
      this.skipVerbose(flags);
      const c = this.peek();
      if (c === undefined || c === "|" || c === ")") return items;
      const start = this.pos;
      if ("*+?".includes(c) || (c === "{" && this.quantifierAt())) {
        const last = items[items.length - 1];
        if (!last) throw this.error("nothing to repeat", start);
        if (last.kind === "repeat") throw this.error("multiple repeat", start);
        if (isZeroWidth(last)) throw this.error("nothing to repeat", start);
        items[items.length - 1] = this.quantifier(last);
        continue;
      }
      const atom = this.atom(flags);
      if (atom) items.push(atom);
    }
  }

  // A `{` starts a quantifier only when it reads `{m}`, `{m,}`, `{,n}` or `{m,n}`; otherwise it is a literal.
  private quantifierAt(): boolean {
    return /^\{(\d*,\d*|\d+)\}/.test(this.src.slice(this.pos));
  }

  private quantifier(body: Node): Node {
    const start = this.pos;
    const c = this.src[this.pos++];
    let min = 0;
    let max = Infinity;
    if (c === "+") min = 1;
    else if (c === "?") max = 1;
    else if (c === "{") {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(this.src.slice(start));
      if (!m) throw this.error("bad quantifier", start);
      this.pos = start + m[0].length;
      min = m[1] ? Number(m[1]) : 0;
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      if (max < min) throw this.error("min repeat greater than max repeat", start);
      if (min > 4294967294 || (max !== Infinity && max > 4294967294)) throw this.error("the repetition number is too large", start);
    }
    let lazy = false;
    let possessive = false;
    if (this.peek() === "?") {
      lazy = true;
      this.pos++;
    } else if (this.peek() === "+") {
      possessive = true;
      this.pos++;
    }
    return { kind: "repeat", body, min, max, lazy, possessive };
  }

  private atom(flags: Flags): Node | undefined {
    const start = this.pos;
    const c = this.src[this.pos++] as string;
    switch (c) {
      case "(":
        return this.group(flags, start);
      case "[":
        return this.charClass(flags, start);
      case ".":
        return { kind: "dot", dotAll: flags.dotAll };
      case "^":
        return { kind: "bol", multiline: flags.multiline };
      case "$":
        return { kind: "eol", multiline: flags.multiline };
      case "\\":
        return this.escape(flags, start);
      default: {
        const cp = this.src.codePointAt(start) as number;
        this.pos = start + String.fromCodePoint(cp).length;
        return { kind: "char", cp };
      }
    }
  }

  private group(outer: Flags, start: number): Node | undefined {
    if (this.peek() !== "?") return this.capture(outer, start);
    const rest = this.src.slice(this.pos);
    const named = /^\?P<([^>]*)>/.exec(rest);
    if (named) {
      const name = named[1] ?? "";
      if (!IDENT.test(name)) throw this.error(`bad character in group name '${name}'`, start);
      if (this.nameIndex.has(name)) throw this.error(`redefinition of group name '${name}'`, start);
      this.pos += named[0].length;
      return this.capture(outer, start, name);
    }
    const ref = /^\?P=([^)]*)\)/.exec(rest);
    if (ref) {
      const name = ref[1] ?? "";
      const group = this.nameIndex.get(name);
      if (group === undefined) throw this.error(`unknown group name '${name}'`, start);
      if (this.openGroups.has(group)) throw this.error("cannot refer to an open group", start);
      this.pos += ref[0].length;
      return { kind: "backref", group };
    }
    if (rest.startsWith("?#")) {
      const end = this.src.indexOf(")", this.pos);
      if (end < 0) throw this.error("missing ), unterminated comment", start);
      this.pos = end + 1;
      return undefined;
    }
    const look = /^\?(=|!|<=|<!)/.exec(rest);
    if (look) {
      this.pos += look[0].length;
      const body = this.closeGroup({ ...outer }, start);
      return { kind: "group", capture: false, body, look: look[1] as "=" | "!" | "<=" | "<!" };
    }
    if (rest.startsWith("?:")) {
      this.pos += 2;
      return { kind: "group", capture: false, body: this.closeGroup({ ...outer }, start) };
    }
    if (rest.startsWith("?>")) {
      this.pos += 2;
      return { kind: "group", capture: false, atomic: true, body: this.closeGroup({ ...outer }, start) };
    }
    if (rest.startsWith("?(")) throw this.error("conditional groups (?(id)yes|no) are not supported", start);
    if (rest.startsWith("?<")) throw this.error("unknown extension ?<; named groups are written (?P<name>...)", start);
    const scoped = /^\?([aimsx]*)(?:-([imsx]*))?:/.exec(rest);
    if (scoped && (scoped[1] || scoped[2])) {
      const on = scoped[1] ?? "";
      const off = scoped[2] ?? "";
      if (on.includes("i") || off.includes("i")) throw this.error("scoped case flags (?i:...) and (?-i:...) are not supported; put (?i) at the start of the pattern", start);
      const inner = { ...outer };
      this.applyFlags(on, inner, start);
      this.applyFlags(off, inner, start, true);
      this.pos += scoped[0].length;
      return { kind: "group", capture: false, body: this.closeGroup(inner, start) };
    }
    if (/^\?[aiLmsux]+\)/.test(rest)) throw this.error("global flags not at the start of the expression", start);
    throw this.error(`unknown extension ?${rest[1] ?? ""}`, start);
  }

  private capture(outer: Flags, start: number, name?: string): Node {
    const index = ++this.groupCount;
    if (name !== undefined) {
      this.names.push(name);
      this.nameIndex.set(name, index);
    }
    this.openGroups.add(index);
    const body = this.closeGroup({ ...outer }, start);
    this.openGroups.delete(index);
    return { kind: "group", capture: true, name, body };
  }

  private closeGroup(flags: Flags, start: number): Node {
    const body = this.alternation(flags);
    if (this.peek() !== ")") throw this.error("missing ), unterminated subpattern", start);
    this.pos++;
    return body;
  }

  private escape(flags: Flags, start: number): Node {
    const c = this.src[this.pos];
    if (c === undefined) throw this.error("bad escape (end of pattern)", start);
    if ("dDwWsS".includes(c)) {
      this.pos++;
      return { kind: "shorthand", letter: c, ascii: flags.ascii };
    }
    if (c === "b" || c === "B") {
      this.pos++;
      return { kind: "wordBoundary", negated: c === "B", ascii: flags.ascii };
    }
    if (c === "A") {
      this.pos++;
      return { kind: "strStart" };
    }
    if (c === "Z") {
      this.pos++;
      return { kind: "strEnd" };
    }
    if (/[1-9]/.test(c)) {
      // Three octal digits are an octal escape; otherwise one or two digits name a group.
      const octal = /^[0-7]{3}/.exec(this.src.slice(this.pos));
      if (octal && c <= "3") {
        this.pos += 3;
        return { kind: "char", cp: parseInt(octal[0], 8) };
      }
      const digits = /^\d\d?/.exec(this.src.slice(this.pos))?.[0] ?? c;
      const group = Number(digits);
      if (group > this.groupCount) throw this.error(`invalid group reference ${group}`, start);
      if (this.openGroups.has(group)) throw this.error("cannot refer to an open group", start);
      this.pos += digits.length;
      return { kind: "backref", group };
    }
    return { kind: "char", cp: this.charEscape(start) };
  }

  /** An escape that stands for one character (shared by classes and the pattern body); pos is after the `\`. */
  private charEscape(start: number): number {
    const c = this.src[this.pos] as string;
    if (c in SIMPLE_ESCAPES) {
      this.pos++;
      return SIMPLE_ESCAPES[c] as number;
    }
    if (c === "0") {
      const m = /^[0-7]{1,3}/.exec(this.src.slice(this.pos)) as RegExpExecArray;
      this.pos += m[0].length;
      return parseInt(m[0], 8);
    }
    const width = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
    if (width) {
      const digits = this.src.slice(this.pos + 1, this.pos + 1 + width);
      if (digits.length !== width || !HEX.test(digits)) throw this.error(`incomplete escape \\${c}${digits}`, start);
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff) throw this.error(`bad escape \\${c}${digits}`, start);
      this.pos += 1 + width;
      return cp;
    }
    if (c === "N") throw this.error("named Unicode escapes \\N{...} are not supported", start);
    if (/[A-Za-z0-9]/.test(c)) throw this.error(`bad escape \\${c}`, start);
    const cp = this.src.codePointAt(this.pos) as number;
    this.pos += String.fromCodePoint(cp).length;
    return cp;
  }

  private charClass(flags: Flags, start: number): Node {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.pos++;
    }
    const items: ClassItem[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw this.error("unterminated character set", start);
      if (c === "]" && !first) {
        this.pos++;
        return { kind: "class", negated, items };
      }
      first = false;
      const itemStart = this.pos;
      const item = this.classAtom(flags);
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        this.pos++;
        const to = this.classAtom(flags);
        if (item.kind !== "char" || to.kind !== "char") throw this.error(`bad character range ${this.src.slice(itemStart, this.pos)}`, itemStart);
        if (to.cp < item.cp) throw this.error(`bad character range ${this.src.slice(itemStart, this.pos)}`, itemStart);
        items.push({ kind: "range", from: item.cp, to: to.cp });
      } else items.push(item);
    }
  }

  private classAtom(flags: Flags): ClassItem {
    const start = this.pos;
    if (this.peek() === "\\") {
      this.pos++;
      const c = this.peek();
      if (c === undefined) throw this.error("unterminated character set", start);
      if ("dDwWsS".includes(c)) {
        this.pos++;
        return { kind: "shorthand", letter: c, ascii: flags.ascii };
      }
      if (c === "b") {
        this.pos++;
        return { kind: "char", cp: 8 };
      }
      if (/[1-9]/.test(c)) {
        const octal = /^[0-7]{1,3}/.exec(this.src.slice(this.pos));
        if (!octal) throw this.error(`bad escape \\${c}`, start);
        this.pos += octal[0].length;
        return { kind: "char", cp: parseInt(octal[0], 8) };
      }
      return { kind: "char", cp: this.charEscape(start) };
    }
    const cp = this.src.codePointAt(this.pos) as number;
    this.pos += String.fromCodePoint(cp).length;
    return { kind: "char", cp };
  }
}

function isZeroWidth(node: Node): boolean {
  return node.kind === "bol" || node.kind === "eol" || node.kind === "strStart" || node.kind === "strEnd" || node.kind === "wordBoundary";
}

// Python's str.isspace(), which is what \s matches in a str pattern (JS \s differs: no \x1c-\x1f or \x85, adds \ufeff).
const SPACE = "\\t-\\r\\u{1c}-\\u{20}\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200a}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}";
const WORD = "\\p{L}\\p{N}_";

/** The class body (no brackets) of a shorthand, and whether it is a complement. */
function shorthandSet(letter: string, ascii: boolean): { body: string; negated: boolean } {
  const lower = letter.toLowerCase();
  const body = lower === "d" ? (ascii ? "0-9" : "\\p{Nd}") : lower === "w" ? (ascii ? "A-Za-z0-9_" : WORD) : ascii ? "\\t-\\r " : SPACE;
  return { body, negated: letter !== lower };
}

function literal(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x20 || cp === 0x5f) return String.fromCharCode(cp);
  return `\\u{${cp.toString(16)}}`;
}

class Printer {
  private jsGroups = 0;
  /** Python group number -> JS group number (they differ once an atomic group has been printed). */
  readonly groupMap = new Map<number, number>();
  private pyGroups = 0;

  print(node: Node): string {
    switch (node.kind) {
      case "alt":
        return node.branches.map((b) => b.map((n) => this.print(n)).join("")).join("|");
      case "group":
        return this.group(node);
      case "repeat":
        return this.repeat(node);
      case "char":
        return literal(node.cp);
      case "class":
        return printClass(node.negated, node.items);
      case "shorthand": {
        const set = shorthandSet(node.letter, node.ascii);
        return `[${set.negated ? "^" : ""}${set.body}]`;
      }
      case "dot":
        return node.dotAll ? "[\\s\\S]" : "[^\\n]";
      case "bol":
        return node.multiline ? "(?<![^\\n])" : "^";
      case "eol":
        return node.multiline ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
      case "strStart":
        return "(?<![\\s\\S])";
      case "strEnd":
        return "(?![\\s\\S])";
      case "wordBoundary": {
        const w = node.ascii ? "[A-Za-z0-9_]" : `[${WORD}]`;
        return node.negated ? `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))` : `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
      }
      case "backref":
        return `\\${this.groupMap.get(node.group) as number}`;
    }
  }

  private group(node: Extract<Node, { kind: "group" }>): string {
    if (node.atomic) return this.atomic(() => this.print(node.body));
    if (node.capture) {
      const py = ++this.pyGroups;
      const js = ++this.jsGroups;
      const body = this.print(node.body);
      this.groupMap.set(py, js);
      return node.name !== undefined ? `(?<${node.name}>${body})` : `(${body})`;
    }
    return `(?${node.look ?? ":"}${this.print(node.body)})`;
  }

  // (?>X) is (?=(X))\N: the lookahead settles on X's first match and never backtracks into it.
  private atomic(inner: () => string): string {
    const js = ++this.jsGroups;
    return `(?=(${inner()}))\\${js}`;
  }

  private repeat(node: Extract<Node, { kind: "repeat" }>): string {
    const count = node.min === 0 && node.max === Infinity ? "*" : node.min === 1 && node.max === Infinity ? "+" : node.min === 0 && node.max === 1 ? "?" : node.max === Infinity ? `{${node.min},}` : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
    const quantified = () => `(?:${this.print(node.body)})${count}${node.lazy ? "?" : ""}`;
    return node.possessive ? this.atomic(quantified) : quantified();
  }
}

// A class is printed for the `u` flag, which cannot nest a complement (\W, \S, \D) inside a class. With
// complements X1..Xk and the other items P, a negated class matches one character in ¬P ∩ X1 ∩ ... ∩ Xk, written
// `(?![P])(?=[X1])[Xk]`, and a plain class matches any character that one does not: `(?:(?!...)[\s\S])`. Each is a
// single path for the backtracker (an alternation `[P]|[^X]` would let a character match twice and double the
// paths at every repetition). The `v` flag could nest classes, but V8 in Node 20 mis-matches `v`-flag negated
// classes inside counted groups: /^(?:[^ ]+,){2}/v fails on "b,b,".
function printClass(negated: boolean, items: ClassItem[]): string {
  const positive = items.filter((i) => i.kind !== "shorthand" || i.letter === i.letter.toLowerCase()).map(classItem).join("");
  const complements = items.filter((i): i is Extract<ClassItem, { kind: "shorthand" }> => i.kind === "shorthand" && i.letter !== i.letter.toLowerCase()).map((i) => shorthandSet(i.letter, i.ascii).body);
  if (complements.length === 0) return `[${negated ? "^" : ""}${positive}]`;
  const inside = `${positive ? `(?![${positive}])` : ""}${complements.slice(0, -1).map((c) => `(?=[${c}])`).join("")}[${complements[complements.length - 1] as string}]`;
  return negated ? `(?:${inside})` : `(?:(?!${inside})[\\s\\S])`;
}

function classItem(item: ClassItem): string {
  if (item.kind === "char") return literal(item.cp);
  if (item.kind === "range") return `${literal(item.from)}-${literal(item.to)}`;
  return shorthandSet(item.letter, item.ascii).body;
}

/** Translate a Python `re` pattern. Throws PyRegexError (with the offset) for what Python would reject or what cannot be translated. */
export function translatePythonRegex(pattern: string): TranslatedRegex {
  const parser = new Parser(pattern);
  const tree = parser.parse();
  const printer = new Printer();
  const source = printer.print(tree);
  const jsGroup = [0, ...Array.from({ length: parser.groups }, (_, i) => printer.groupMap.get(i + 1) as number)];
  return { source, flags: parser.flags.ignoreCase ? "ui" : "u", names: parser.names, groups: parser.groups, jsGroup };
}

/** A compiled Python pattern: the RegExp (sticky, so exec() anchors at lastIndex like Python's match()) and its group names. */
export interface PyRegex {
  readonly regex: RegExp;
  readonly names: string[];
  readonly groups: number;
  readonly jsGroup: number[];
}

export function compilePythonRegex(pattern: string): PyRegex {
  const t = translatePythonRegex(pattern);
  let regex: RegExp;
  try {
    regex = new RegExp(t.source, `${t.flags}y`);
  } catch (err) {
    throw new PyRegexError(`cannot be translated to a JavaScript regex: ${(err as Error).message}`, 0);
  }
  return { regex, names: t.names, groups: t.groups, jsGroup: t.jsGroup };
}

/** Python's group(n) of a match (undefined when the group did not take part). */
export function pyGroup(re: PyRegex, m: RegExpExecArray, n: number): string | undefined {
  return m[re.jsGroup[n] as number];
}

/** Python's re.match(): a match anchored at the start of `text`, or null. */
export function pyMatch(re: PyRegex, text: string): RegExpExecArray | null {
  re.regex.lastIndex = 0;
  return re.regex.exec(text);
}
