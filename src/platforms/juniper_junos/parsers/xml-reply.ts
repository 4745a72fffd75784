// Junos `| display xml` outputs -> plain records: the `<rpc-reply>` envelope the CLI prints (or the bare RPC
// reply element, as NETCONF clients such as PyEZ and NAPALM record it), the `{master:0}`/`{primary:node0}` line
// the CLI prints after it on multi-RE and cluster systems, `<xnm:error>` replies, and the
// `<multi-routing-engine-results>` wrapper that dual-RE, Virtual Chassis and cluster systems put around each
// RE's answer. Three parsers sit on top: `junos-bgp-summary`, `junos-route-engines` and `junos-system-storage`.
// Fields keep Junos's meaning; numbers are numbers only where Junos prints digits, and a field that is there but
// not a number is an error, never a guess. Output that is not the expected reply is a ParseError.
import { ParseError, type Parser } from "../../../parse/types.js";
import { isXmlObject, parseXmlDocument, type XmlObject } from "../../../parse/xml.js";

// The CLI's banner lines after the document: `{master:0}`, `{backup}`, `{primary:node0}`, `{linecard:fpc1}`.
const BANNER_LINE = /^\{[\w:. -]{1,40}\}$/;

/** The RPC reply's content (the envelope and its `<cli>` banner removed), by element name. */
export function junosReplyContent(raw: string, lists: string[]): XmlObject {
  const lines = raw.replace(/\r\n/g, "\n").split("\n");
  while (lines.length > 0 && (lines[lines.length - 1]!.trim() === "" || BANNER_LINE.test(lines[lines.length - 1]!.trim()))) lines.pop();
  const text = lines.join("\n");
  const error = /<xnm:error\b[\s\S]*?<message>\s*([^<]*?)\s*<\/message>/.exec(text);
  if (error) throw new ParseError(`the device answered with an error: ${error[1]}`);
  if (!text.trimStart().startsWith("<")) throw new ParseError(`not XML (expected "| display xml" output): "${text.trim().slice(0, 60)}"`);
  const doc = parseXmlDocument(text, { lists: ["multi-routing-engine-item", ...lists] });
  const reply = doc["rpc-reply"];
  const content = reply === undefined ? doc : reply;
  if (!isXmlObject(content)) throw new ParseError("the rpc-reply is empty");
  return Object.fromEntries(Object.entries(content).filter(([k]) => k !== "cli" && !k.startsWith("@") && k !== "#text"));
}

/** Each RE's `element`: one per `<multi-routing-engine-item>` (named by `<re-name>`), or the one reply (re: null). */
export function perRoutingEngine(content: XmlObject, element: string): { re: string | null; body: XmlObject }[] {
  const multi = content["multi-routing-engine-results"];
  const items = multi === undefined ? [{ re: null, node: content }] : (isXmlObject(multi) ? asList(multi["multi-routing-engine-item"]) : []).map((item) => ({ re: textOf(item, "re-name"), node: item }));
  if (items.length === 0) throw new ParseError(`no <${element}> in the reply`);
  return items.map(({ re, node }) => {
    const body = isXmlObject(node) ? node[element] : undefined;
    if (body === undefined) throw new ParseError(`no <${element}> in the reply${re === null ? "" : ` of ${re}`}`);
    return { re, body: isXmlObject(body) ? body : {} };
  });
}

export function asList(v: unknown): XmlObject[] {
  if (v === undefined || v === null || v === "") return [];
  return (Array.isArray(v) ? v : [v]).map((e) => (isXmlObject(e) ? e : { "#text": String(e) }));
}

/** An element's text (`<a>x</a>` or `<a b="c">x</a>`), trimmed; null when absent. */
export function textOf(node: unknown, name: string): string | null {
  if (!isXmlObject(node)) return null;
  const v = node[name];
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v.trim();
  if (isXmlObject(v)) return typeof v["#text"] === "string" ? v["#text"].trim() : "";
  throw new ParseError(`<${name}> appears more than once where one is expected`);
}

function attrOf(node: unknown, name: string, attr: string): string | null {
  if (!isXmlObject(node) || !isXmlObject(node[name])) return null;
  const v = (node[name] as XmlObject)[`@junos:${attr}`] ?? (node[name] as XmlObject)[`@${attr}`];
  return typeof v === "string" ? v : null;
}

/** A whole number Junos printed; null when the element is absent; a ParseError when it is not digits. */
export function numberOf(node: unknown, name: string, where: string): number | null {
  const t = textOf(node, name);
  if (t === null) return null;
  if (!/^\d{1,15}$/.test(t)) throw new ParseError(`${where}: <${name}> is "${t}", not a whole number`);
  return Number(t);
}

export interface JunosBgpPeer {
  address: string;
  as: string | null;
  state: string;
  flaps: number | null;
  /** "Last Up/Dwn" as Junos prints it, and in seconds. */
  elapsed: string | null;
  elapsedSeconds: number | null;
}

export interface JunosBgpSummary {
  peerCount: number | null;
  downPeerCount: number | null;
  peers: JunosBgpPeer[];
}

/** `show bgp summary | display xml` -> every peer with its state (Junos prints `Established`, `Active`, `Idle`, ...). */
export const parseJunosBgpSummary: Parser = (raw) => {
  const content = junosReplyContent(raw, ["bgp-peer", "bgp-rib"]);
  const info = content["bgp-information"];
  if (!isXmlObject(info)) throw new ParseError("no <bgp-information> in the reply: not show bgp summary | display xml output");
  const peers = asList(info["bgp-peer"]).map((p, i): JunosBgpPeer => {
    const address = textOf(p, "peer-address");
    const state = textOf(p, "peer-state");
    if (!address || !state) throw new ParseError(`bgp-peer ${i + 1} has no peer-address or peer-state`);
    const seconds = attrOf(p, "elapsed-time", "seconds");
    return {
      address,
      as: textOf(p, "peer-as"),
      state,
      flaps: numberOf(p, "flap-count", `peer ${address}`),
      elapsed: textOf(p, "elapsed-time"),
      elapsedSeconds: seconds !== null && /^\d{1,15}$/.test(seconds) ? Number(seconds) : null,
    };
  });
  // peer-count is not always the number of bgp-peer elements (NAPALM's capture says 5 and lists 6), so it is
  // kept as printed and the peers are what the check reads.
  const summary: JunosBgpSummary = { peerCount: numberOf(info, "peer-count", "bgp-information"), downPeerCount: numberOf(info, "down-peer-count", "bgp-information"), peers };
  return summary;
};

export interface JunosRouteEngine {
  /** "RE0", "RE1"; prefixed by the member in a multi-RE reply ("node0", "lcc0-re0/RE1"). */
  name: string;
  /** The member (`<re-name>`) of a multi-routing-engine reply, else null. */
  member: string | null;
  slot: string | null;
  /** master, backup, disabled; null where Junos prints none (single-RE systems and SRX nodes). */
  mastershipState: string | null;
  /** OK, Testing, Failed, ...; null where Junos prints none (some SRX releases). */
  status: string | null;
  model: string | null;
  cpuIdle: number | null;
  /** Memory in use, percent: memory-buffer-utilization, or memory-system-total-util on SRX branch models. */
  memoryUtilization: number | null;
  upTime: string | null;
  lastRebootReason: string | null;
}

/** `show chassis routing-engine | display xml` -> every routing engine, on every member of a multi-RE reply. */
export const parseJunosRouteEngines: Parser = (raw) => {
  const content = junosReplyContent(raw, ["route-engine"]);
  const engines: JunosRouteEngine[] = [];
  for (const { re, body } of perRoutingEngine(content, "route-engine-information")) {
    const list = asList(body["route-engine"]);
    if (list.length === 0) throw new ParseError(`no <route-engine> in route-engine-information${re === null ? "" : ` of ${re}`}`);
    for (const e of list) {
      const slot = textOf(e, "slot");
      const own = slot === null ? null : `RE${slot}`;
      const name = [re, own].filter((x) => x !== null).join("/") || "RE";
      engines.push({
        name,
        member: re,
        slot,
        mastershipState: textOf(e, "mastership-state"),
        status: textOf(e, "status"),
        model: textOf(e, "model"),
        cpuIdle: numberOf(e, "cpu-idle", name),
        memoryUtilization: numberOf(e, "memory-buffer-utilization", name) ?? numberOf(e, "memory-system-total-util", name),
        upTime: textOf(e, "up-time"),
        lastRebootReason: textOf(e, "last-reboot-reason"),
      });
    }
  }
  return { engines, masters: engines.filter((e) => e.mastershipState === "master").length };
};

export interface JunosFilesystem {
  /** The member (`<re-name>`) of a multi-RE reply, else null. */
  re: string | null;
  name: string;
  mountedOn: string;
  /** Junos counts 512-byte blocks; these are bytes. */
  totalBytes: number;
  usedBytes: number;
  availableBytes: number;
  usedPercent: number | null;
  /** As Junos prints it (`6.3G`). */
  available: string | null;
}

const BLOCK = 512;

/** `show system storage | display xml` -> every filesystem of every RE, sizes in bytes. */
export const parseJunosSystemStorage: Parser = (raw) => {
  const content = junosReplyContent(raw, ["filesystem"]);
  const filesystems: JunosFilesystem[] = [];
  for (const { re, body } of perRoutingEngine(content, "system-storage-information")) {
    const list = asList(body.filesystem);
    if (list.length === 0) throw new ParseError(`no <filesystem> in system-storage-information${re === null ? "" : ` of ${re}`}`);
    for (const f of list) {
      const name = textOf(f, "filesystem-name");
      const mountedOn = textOf(f, "mounted-on");
      if (!name || !mountedOn) throw new ParseError("a filesystem has no filesystem-name or mounted-on");
      const blocks = (field: string): number => {
        const n = numberOf(f, field, `${mountedOn}`);
        if (n === null) throw new ParseError(`${mountedOn}: no <${field}>`);
        return n * BLOCK;
      };
      const percent = textOf(f, "used-percent");
      if (percent !== null && !/^\d{1,3}$/.test(percent)) throw new ParseError(`${mountedOn}: <used-percent> is "${percent}", not a percentage`);
      filesystems.push({
        re,
        name,
        mountedOn,
        totalBytes: blocks("total-blocks"),
        usedBytes: blocks("used-blocks"),
        availableBytes: blocks("available-blocks"),
        usedPercent: percent === null ? null : Number(percent),
        available: attrOf(f, "available-blocks", "format"),
      });
    }
  }
  return { filesystems };
};
