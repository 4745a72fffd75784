// Key paths as users read them in diagnostics: hosts.fw-001.groups[0], hosts["fw.example.com"].port.
import type { KeyPath } from "../util/yaml-source.js";

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

export function formatKeyPath(path: KeyPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(top level)" : out;
}
