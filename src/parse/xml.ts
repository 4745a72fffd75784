// The `xml` parser: PAN-OS XML output (XML API, or the CLI with `set cli op-command-xml-output on`) ->
// the content of `<response><result>` as plain objects.
//
// Shape rules, chosen so that a check can address the data the same way on every device:
// - element text stays a string (no number guessing: "10.0" and "0000.00.00.000" are versions, not numbers);
// - attributes become "@name" keys; an element with attributes and text keeps its text under "#text";
// - `entry` and `member`, PAN-OS's list elements, are always arrays, even with a single item;
// - a result that is only text (e.g. the CDATA of `show system state`) is returned as that string.
// `status="error"` becomes a ParseError carrying the device's own message.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ParseError, type Parser } from "./types.js";

const LIST_ELEMENTS = new Set(["entry", "member"]);

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name, _path, _isLeaf, isAttribute) => !isAttribute && LIST_ELEMENTS.has(name),
});

type XmlObject = Record<string, unknown>;

export const parseXml: Parser = (raw) => {
  if (raw.trim() === "") throw new ParseError("output is empty: expected an XML <response>");
  validate(raw);
  const doc = xmlParser.parse(raw) as XmlObject;
  const response = doc.response;
  if (!isObject(response)) throw new ParseError(`expected a <response> element, found ${rootNames(doc)}`);
  const status = response["@status"];
  if (status === "error") throw new ParseError(`device returned an error: ${errorMessage(response)}`);
  if (status !== undefined && status !== "success") throw new ParseError(`unexpected response status "${String(status)}"`);
  if (!("result" in response)) throw new ParseError("the <response> has no <result> element");
  return response.result;
};

// fast-xml-parser's parser is lenient (it accepts unclosed and mismatched tags), so a truncated
// output would parse into a partial tree. Its validator is the check that turns that into an error;
// it is marked deprecated in favour of a separate package that this project does not install.
function validate(raw: string): void {
  const verdict = XMLValidator.validate(raw);
  if (verdict !== true) throw new ParseError(`invalid XML: ${verdict.err.msg}`, verdict.err.line);
}

// PAN-OS puts the reason in <msg>, sometimes split over <line> elements, sometimes inside <result><msg>.
function errorMessage(response: XmlObject): string {
  const parts: string[] = [];
  collectText(response.msg ?? (isObject(response.result) ? response.result.msg : undefined) ?? response.result, parts);
  const message = parts.join(" ").replace(/\s+/g, " ").trim();
  return message === "" ? "(no message)" : message;
}

function collectText(node: unknown, into: string[]): void {
  if (typeof node === "string") into.push(node);
  else if (Array.isArray(node)) for (const item of node) collectText(item, into);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) if (!key.startsWith("@")) collectText(value, into);
  }
}

function rootNames(doc: XmlObject): string {
  const names = Object.keys(doc).filter((k) => !k.startsWith("?"));
  return names.length === 0 ? "no element" : names.map((n) => `<${n}>`).join(", ");
}

function isObject(value: unknown): value is XmlObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
