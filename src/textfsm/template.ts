// Reads a TextFSM template (the language of google/textfsm: a block of `Value` lines, a blank line, then states of
// `  ^regex -> Action NewState` rules) into a compiled Template. The reading follows the reference implementation's
// rules line by line, so a template Python's TextFSM rejects is rejected here too, with `file:line:col: sentence`.
import { compilePythonRegex, PyRegexError, type PyRegex } from "./pyre.js";

export class TextFSMTemplateError extends Error {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly reason: string;
  constructor(file: string, line: number, col: number, reason: string) {
    super(`${file}:${line}:${col}: ${reason}`);
    this.name = "TextFSMTemplateError";
    this.file = file;
    this.line = line;
    this.col = col;
    this.reason = reason;
  }
}

export const VALUE_OPTIONS = ["Filldown", "Fillup", "Key", "List", "Required"] as const;
export type ValueOption = (typeof VALUE_OPTIONS)[number];

export interface ValueDef {
  name: string;
  options: ValueOption[];
  /** The regex as written, e.g. `(\S+)`. */
  regex: string;
  /** The Value's own regex, compiled (List uses it to split a match into its nested named groups). */
  compiled: PyRegex;
  line: number;
}

export type LineOp = "Next" | "Continue" | "Error";
export type RecordOp = "NoRecord" | "Record" | "Clear" | "Clearall";

export interface Rule {
  /** The rule's regex as written, before `${VALUE}` substitution. */
  match: string;
  regex: PyRegex;
  lineOp: LineOp;
  recordOp: RecordOp;
  /** The state to go to; for `Error`, the message (quoted as written) if any. Empty: stay. */
  newState: string;
  line: number;
}

export interface Template {
  file: string;
  values: ValueDef[];
  /** Rules of each state, in declaration order. `End` is removed after validation, as in the reference. */
  states: Map<string, Rule[]>;
  stateOrder: string[];
}

const MAX_NAME_LEN = 48;
const LINE_OPS = ["Continue", "Next", "Error"];
const RECORD_OPS = ["Clear", "Clearall", "Record", "NoRecord"];
const W = "[\\p{L}\\p{N}_]";
// The reference's action grammar: `Op[.RecOp] [State]`, `RecOp [State]`, or `[State]`; an Error's state may be "a message".
const OPERATOR = `((?<ln>Continue|Next|Error)(\\.(?<rec>Clear|Clearall|Record|NoRecord))?)`;
const NEW_STATE = `(?<state>${W}+|".*")`;
const ACTION_RES = [
  new RegExp(`^\\s+${OPERATOR}(\\s+${NEW_STATE})?$`, "u"),
  new RegExp(`^\\s+(?<rec>Clear|Clearall|Record|NoRecord)(\\s+${NEW_STATE})?$`, "u"),
  new RegExp(`^(\\s+${NEW_STATE})?$`, "u"),
];
const COMMENT = /^\s*#/;
const STATE_NAME = new RegExp(`^${W}+$`, "u");
// string.Template's placeholder grammar: $$, $name, ${name} (ASCII identifiers, either case); any other `$` is invalid.
const PLACEHOLDER = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|())/g;

// Python's str.rstrip()/strip() whitespace (str.isspace), which differs from JS's trim at \x1c-\x1f, \x85 and \ufeff.
const PY_SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const RSTRIP = new RegExp(`[${PY_SPACE}]+$`);
const LSTRIP = new RegExp(`^[${PY_SPACE}]+`);
export const pyRstrip = (s: string): string => s.replace(RSTRIP, "");
const pyStrip = (s: string): string => pyRstrip(s).replace(LSTRIP, "");

/** Lines as Python's text-mode file iteration gives them (universal newlines). */
function templateLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Parse and compile a template. `file` names it in errors. */
export function parseTemplate(text: string, file = "<template>"): Template {
  const lines = templateLines(text);
  let i = 0;
  const fail = (line: number, col: number, reason: string): never => {
    throw new TextFSMTemplateError(file, line, col, reason);
  };

  const values: ValueDef[] = [];
  const valueMap = new Map<string, string>();
  for (; i < lines.length; i++) {
    const line = pyRstrip(lines[i] as string);
    if (!line) {
      i++;
      break;
    }
    if (COMMENT.test(line)) continue;
    if (line.startsWith("Value ")) {
      const value = parseValue(line, i + 1, fail);
      if (values.some((v) => v.name === value.name)) fail(i + 1, 1, `duplicate declarations for Value '${value.name}'`);
      values.push(value);
      valueMap.set(value.name, value.regex.replace(/^\(/, `(?P<${value.name}>`));
    } else if (values.length === 0) fail(i + 1, 1, "no Value definitions found: a template starts with `Value [Options] NAME (regex)` lines");
    else fail(i + 1, 1, "expected a blank line after the last Value entry");
  }

  const states = new Map<string, Rule[]>();
  const stateOrder: string[] = [];
  while (i < lines.length) {
    let name = "";
    for (; i < lines.length; i++) {
      const line = pyRstrip(lines[i] as string);
      if (!line || COMMENT.test(line)) continue;
      if (!STATE_NAME.test(line) || line.length > MAX_NAME_LEN || LINE_OPS.includes(line) || RECORD_OPS.includes(line)) {
        fail(i + 1, 1, `invalid state name '${line}': a state is a word of letters, digits and _ (at most ${MAX_NAME_LEN}), alone on its line, and not an action name`);
      }
      if (states.has(line)) fail(i + 1, 1, `duplicate state name '${line}'`);
      name = line;
      states.set(name, []);
      stateOrder.push(name);
      i++;
      break;
    }
    if (!name) break;
    const rules = states.get(name) as Rule[];
    for (; i < lines.length; i++) {
      const raw = lines[i] as string;
      const line = pyRstrip(raw);
      if (!line) {
        i++;
        break;
      }
      if (COMMENT.test(line)) continue;
      if (!(line.startsWith(" ^") || line.startsWith("  ^") || line.startsWith("\t^"))) {
        fail(i + 1, 1, "a rule starts with one or two spaces (or a tab) and a caret: `  ^regex -> Action`");
      }
      rules.push(parseRule(line, i + 1, valueMap, fail));
    }
  }

  if (!states.has("Start")) fail(lines.length || 1, 1, "missing state 'Start'");
  for (const reserved of ["End", "EOF"]) {
    if ((states.get(reserved)?.length ?? 0) > 0) fail((states.get(reserved) as Rule[])[0]?.line ?? 1, 1, `the '${reserved}' state must be empty`);
  }
  if (states.has("End")) {
    states.delete("End");
    stateOrder.splice(stateOrder.indexOf("End"), 1);
  }
  for (const [state, rules] of states) {
    for (const rule of rules) {
      if (rule.lineOp === "Error" || !rule.newState || rule.newState === "End" || rule.newState === "EOF") continue;
      if (!states.has(rule.newState)) fail(rule.line, 1, `state '${rule.newState}' not found, referenced in state '${state}'`);
    }
  }
  return { file, values, states, stateOrder };
}

type Fail = (line: number, col: number, reason: string) => never;

function parseValue(line: string, lineNo: number, fail: Fail): ValueDef {
  const tokens = line.split(" ");
  if (tokens.length < 3) fail(lineNo, 1, "a Value line needs at least 3 tokens: `Value [Options] NAME (regex)`");
  let name: string;
  let regex: string;
  let regexCol: number;
  const options: ValueOption[] = [];
  if (!(tokens[2] as string).startsWith("(")) {
    let col = 7;
    for (const option of (tokens[1] as string).split(",")) {
      if (!(VALUE_OPTIONS as readonly string[]).includes(option)) fail(lineNo, col, `unknown option "${option}"; options are ${VALUE_OPTIONS.join(", ")}`);
      if (options.includes(option as ValueOption)) fail(lineNo, col, `duplicate option "${option}"`);
      options.push(option as ValueOption);
      col += option.length + 1;
    }
    name = tokens[2] as string;
    regex = tokens.slice(3).join(" ");
    regexCol = 6 + (tokens[1] as string).length + 1 + name.length + 2;
  } else {
    name = tokens[1] as string;
    regex = tokens.slice(2).join(" ");
    regexCol = 6 + name.length + 2;
  }
  if (name.length > MAX_NAME_LEN) fail(lineNo, regexCol - name.length - 1, `invalid Value name '${name}' or name too long (at most ${MAX_NAME_LEN})`);
  if (regex[0] !== "(" || regex[regex.length - 1] !== ")" || regex[regex.length - 2] === "\\") {
    fail(lineNo, regexCol, `Value '${name}': the regex '${regex}' must be contained within a '()' pair`);
  }
  let compiled: PyRegex;
  try {
    compiled = compilePythonRegex(regex);
  } catch (err) {
    if (!(err instanceof PyRegexError)) throw err;
    return fail(lineNo, regexCol + err.offset, `Value '${name}': invalid regex: ${err.message}`);
  }
  return { name, options, regex, compiled, line: lineNo };
}

function parseRule(line: string, lineNo: number, valueMap: Map<string, string>, fail: Fail): Rule {
  const indent = line.length - line.replace(LSTRIP, "").length;
  const text = pyStrip(line);
  // The last " ->" splits the regex from the action (the reference's greedy `(?P<match>.*)(\s->(?P<action>.*))`).
  const arrow = /^(.*)\s->(.*)$/su.exec(text);
  const match = arrow ? (arrow[1] as string) : text;

  // ${VALUE} substitution, keeping where each piece came from so a regex error points into the template line.
  let regexSource = match;
  const pieces: { from: number; to: number; col: number; value?: string }[] = [];
  if (valueMap.size > 0) {
    let out = "";
    let last = 0;
    for (const m of match.matchAll(PLACEHOLDER)) {
      const at = m.index;
      const col = indent + at + 1;
      if (m[4] !== undefined) fail(lineNo, col, "invalid '$' in a rule: write '$$' for an end-of-line anchor, '${NAME}' for a Value");
      pieces.push({ from: out.length, to: out.length + (at - last), col: indent + last + 1 });
      out += match.slice(last, at);
      if (m[1] !== undefined) {
        pieces.push({ from: out.length, to: out.length + 1, col });
        out += "$";
      } else {
        const name = (m[2] ?? m[3]) as string;
        const sub = valueMap.get(name);
        if (sub === undefined) fail(lineNo, col, `unknown Value '${name}' in '${m[0]}'`);
        pieces.push({ from: out.length, to: out.length + (sub as string).length, col, value: name });
        out += sub as string;
      }
      last = at + m[0].length;
    }
    pieces.push({ from: out.length, to: out.length + (match.length - last), col: indent + last + 1 });
    regexSource = out + match.slice(last);
  }

  let regex: PyRegex;
  try {
    regex = compilePythonRegex(regexSource);
  } catch (err) {
    if (!(err instanceof PyRegexError)) throw err;
    const piece = pieces.find((p) => err.offset >= p.from && err.offset < p.to);
    const col = piece ? (piece.value ? piece.col : piece.col + (err.offset - piece.from)) : indent + 1 + err.offset;
    return fail(lineNo, col, `invalid regex${piece?.value ? ` (in Value ${piece.value})` : ""}: ${err.message}`);
  }

  let lineOp: LineOp = "Next";
  let recordOp: RecordOp = "NoRecord";
  let newState = "";
  if (arrow) {
    const action = arrow[2] as string;
    const actionCol = indent + match.length + 2;
    const parsed = ACTION_RES.map((re) => re.exec(action)).find((m) => m !== null);
    if (!parsed) fail(lineNo, actionCol, `badly formatted rule action '->${action}': expected [Next|Continue|Error][.Record|.NoRecord|.Clear|.Clearall] [NewState]`);
    const groups = (parsed as RegExpExecArray).groups ?? {};
    if (groups.ln) lineOp = groups.ln as LineOp;
    if (groups.rec) recordOp = groups.rec as RecordOp;
    if (groups.state) newState = groups.state;
    if (lineOp === "Continue" && newState) fail(lineNo, actionCol, `action 'Continue' with new state ${newState}: Continue cannot change state`);
    if (lineOp !== "Error" && newState && !new RegExp(`^${W}`, "u").test(newState)) fail(lineNo, actionCol, "alphanumeric characters only in state names");
  }
  return { match, regex, lineOp, recordOp, newState, line: lineNo };
}
