// The `xml` parser: any XML document (Junos `| display xml`, NX-OS `| xml`, an XML API's response) -> plain
// objects, the document's root element included.
//
// Shape rules, chosen so that a check can address the data the same way on every device:
// - element text stays a string (no number guessing: "10.0" and "0000.00.00.000" are versions, not numbers);
// - attributes become "@name" keys; an element with attributes and text keeps its text under "#text";
// - elements named in the `lists` option are always arrays, even with a single item (a platform's list elements);
// - the XML declaration and processing instructions are dropped.
// A platform whose responses carry an envelope (a status, an error message) unwraps it in its own parser.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ParseError, type Parser } from "./types.js";

export interface XmlOptions {
  /** Elements that are always arrays. */
  lists?: string[];
}

export const xmlOptionsSchema = {
  type: "object",
  additionalProperties: false,
  properties: { lists: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true } },
} as const;

export type XmlObject = Record<string, unknown>;

// One XMLParser per distinct `lists` (a check's options are constant, so this stays tiny).
const parsers = new Map<string, XMLParser>();

function xmlParserFor(lists: readonly string[]): XMLParser {
  const key = lists.join("\u0000");
  let parser = parsers.get(key);
  if (!parser) {
    const listElements = new Set(lists);
    parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@",
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      isArray: (name, _path, _isLeaf, isAttribute) => !isAttribute && listElements.has(name),
    });
    parsers.set(key, parser);
  }
  return parser;
}

/** The document as objects; throws ParseError on empty, truncated or malformed XML. */
export function parseXmlDocument(raw: string, options: XmlOptions = {}): XmlObject {
  if (raw.trim() === "") throw new ParseError("output is empty: expected an XML document");
  validate(raw);
  const doc = xmlParserFor(options.lists ?? []).parse(raw) as XmlObject;
  for (const key of Object.keys(doc)) if (key.startsWith("?")) delete doc[key];
  return doc;
}

export const parseXml: Parser = (raw, options = {}) => parseXmlDocument(raw, options as XmlOptions);

// fast-xml-parser's parser is lenient (it accepts unclosed and mismatched tags), so a truncated
// output would parse into a partial tree. Its validator is the check that turns that into an error;
// it is marked deprecated in favour of a separate package that this project does not install.
function validate(raw: string): void {
  const verdict = XMLValidator.validate(raw);
  if (verdict !== true) throw new ParseError(`invalid XML: ${verdict.err.msg}`, verdict.err.line);
}

export function isXmlObject(value: unknown): value is XmlObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
