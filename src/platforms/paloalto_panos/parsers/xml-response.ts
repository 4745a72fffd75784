// The `panos-xml` parser: a PAN-OS XML response (XML API, or the CLI with `set cli op-command-xml-output on`) ->
// the content of `<response><result>`. `entry` and `member`, PAN-OS's list elements, are always arrays; a result
// that is only text (e.g. the CDATA of `show system state`) is returned as that string; `status="error"` becomes
// a ParseError carrying the device's own message.
import { ParseError, type Parser } from "../../../parse/types.js";
import { isXmlObject, parseXmlDocument, type XmlObject } from "../../../parse/xml.js";

const LIST_ELEMENTS = ["entry", "member"];

export const parsePanosXmlResponse: Parser = (raw) => {
  if (raw.trim() === "") throw new ParseError("output is empty: expected an XML <response>");
  const doc = parseXmlDocument(raw, { lists: LIST_ELEMENTS });
  const response = doc.response;
  if (!isXmlObject(response)) throw new ParseError(`expected a <response> element, found ${rootNames(doc)}`);
  const status = response["@status"];
  if (status === "error") throw new ParseError(`device returned an error: ${errorMessage(response)}`);
  if (status !== undefined && status !== "success") throw new ParseError(`unexpected response status "${String(status)}"`);
  if (!("result" in response)) throw new ParseError("the <response> has no <result> element");
  return response.result;
};

// PAN-OS puts the reason in <msg>, sometimes split over <line> elements, sometimes inside <result><msg>.
function errorMessage(response: XmlObject): string {
  const parts: string[] = [];
  collectText(response.msg ?? (isXmlObject(response.result) ? response.result.msg : undefined) ?? response.result, parts);
  const message = parts.join(" ").replace(/\s+/g, " ").trim();
  return message === "" ? "(no message)" : message;
}

function collectText(node: unknown, into: string[]): void {
  if (typeof node === "string") into.push(node);
  else if (Array.isArray(node)) for (const item of node) collectText(item, into);
  else if (isXmlObject(node)) {
    for (const [key, value] of Object.entries(node)) if (!key.startsWith("@")) collectText(value, into);
  }
}

function rootNames(doc: XmlObject): string {
  const names = Object.keys(doc);
  return names.length === 0 ? "no element" : names.map((n) => `<${n}>`).join(", ");
}
