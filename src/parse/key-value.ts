// `key: value` lines (`show system info`, many `show ... status` outputs) into a flat object.
// Keys keep the device's spelling; a key seen twice keeps its first value. Lines without the
// separator are ignored, but an output with no pair at all is a ParseError: it is not what we asked for.
import { ParseError, type Parser } from "./types.js";

export const parseKeyValue: Parser = (raw, options = {}) => {
  const separator = typeof options.separator === "string" ? options.separator : ":";
  const result: Record<string, string> = {};
  for (const line of raw.split(/\r?\n/)) {
    const at = line.indexOf(separator);
    if (at <= 0) continue;
    const key = line.slice(0, at).trim();
    if (key === "" || /\s{2,}/.test(key) || key in result) continue;
    result[key] = line.slice(at + separator.length).trim();
  }
  if (Object.keys(result).length === 0) throw new ParseError(`no "key${separator} value" lines found`);
  return result;
};
