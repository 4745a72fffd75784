// The `frr-json` parser: FRR's own `json` output (`show ip ospf neighbor json`, `show bfd peers json`), and the
// one line vtysh prints instead when the daemon that owns the command is not running: "ospfd is not running"
// (vtysh/vtysh.c; seen on the real FRR 8.4.4: fixtures/frr/show_bfd_peers_json/real-frr-8.4.4__bfdd-not-running.txt).
//
// A router without ospfd has no OSPF adjacency to lose, so a check may say what that answer means with the
// `not_running` option (the value returned instead, e.g. `{ neighbors: {} }`). Without the option the line is a
// parse error: the check is `error`, never a silent pass. Anything else that is not JSON is an error too.
import { ParseError, type Parser } from "../../../parse/types.js";

const NOT_RUNNING = /^([a-z][a-z0-9]{0,15}d) is not running$/;

export const frrJsonOptionsSchema = {
  type: "object",
  additionalProperties: false,
  properties: { not_running: { description: "the value to return when vtysh says the daemon is not running" } },
} as const;

export const parseFrrJson: Parser = (raw, options = {}) => {
  const text = raw.replace(/\r\n/g, "\n").trim();
  if (text === "") throw new ParseError("output is empty");
  const notRunning = NOT_RUNNING.exec(text);
  if (notRunning) {
    if (!("not_running" in options)) throw new ParseError(`${notRunning[1]} is not running`);
    return structuredClone(options.not_running);
  }
  if (text[0] !== "{" && text[0] !== "[") throw new ParseError(`expected FRR's JSON, found "${text.split("\n")[0]!.slice(0, 80)}"`, 1);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ParseError(`not valid JSON: ${(err as Error).message}`);
  }
};
