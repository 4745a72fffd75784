// The `fortios-bgp-summary` parser: `get router info bgp summary` -> router id, local AS and the neighbours with
// their state, in the Quagga-derived layout FortiOS prints:
//
//   VRF 0 BGP router identifier 10.0.0.1, local AS number 65001
//   ...
//   Neighbor        V         AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
//   10.0.0.2        4      65002    1234    1240        5    0    0 2d01h03m        12
//   10.0.0.3        4      65003       0       0        0    0    0 never    Active
//
//   Total number of neighbors 2
//
// The last column is a prefix count when the session is Established, else the state. A router without BGP
// prints no "BGP router identifier" line: that is an error here (the check says what to do), never "no peers".
// No public capture was found: written from the documented layout.
import { ParseError, type Parser } from "../../../parse/types.js";

export interface FortiosBgpNeighbor {
  neighbor: string;
  version: number;
  remote_as: string;
  up_down: string;
  /** "Established" when the last column is a prefix count, else the state printed (Active, Idle, Connect, ...). */
  state: string;
  prefixes_received?: number;
}

export interface FortiosBgpSummary {
  vrf?: string;
  router_id: string;
  local_as: string;
  neighbors: FortiosBgpNeighbor[];
}

const HEADER = /^(?:VRF (\S+) )?BGP router identifier (\S+), local AS number (\S+)\s*$/;
const TABLE = /^Neighbor\s+V\s+AS\s+MsgRcvd\s+MsgSent\s+TblVer\s+InQ\s+OutQ\s+Up\/Down\s+State\/PfxRcd\s*$/;
const ROW = /^(\S+)\s+(\d)\s+(\d+(?:\.\d+)?)\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+(\S+)\s+(\S+(?: \(\S+\))?)\s*$/;
const TOTAL = /^Total number of neighbors (\d+)\s*$/;

export const parseFortiosBgpSummary: Parser = (raw) => {
  const lines = raw.replace(/\r\n/g, "\n").split("\n");
  let out: FortiosBgpSummary | undefined;
  let inTable = false;
  let total: number | undefined;
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const header = HEADER.exec(line);
    if (header) {
      out = { router_id: header[2] as string, local_as: header[3] as string, neighbors: [] };
      if (header[1] !== undefined) out.vrf = header[1];
      return;
    }
    if (out === undefined) return;
    if (TABLE.test(line)) {
      inTable = true;
      return;
    }
    const t = TOTAL.exec(line);
    if (t) {
      total = Number(t[1]);
      inTable = false;
      return;
    }
    if (!inTable) return;
    const row = ROW.exec(line);
    if (!row) throw new ParseError(`not a neighbour row: "${line.trim().slice(0, 80)}"`, i + 1);
    const last = row[5] as string;
    const n: FortiosBgpNeighbor = { neighbor: row[1] as string, version: Number(row[2]), remote_as: row[3] as string, up_down: row[4] as string, state: /^\d+$/.test(last) ? "Established" : last };
    if (/^\d+$/.test(last)) n.prefixes_received = Number(last);
    out.neighbors.push(n);
  });
  if (out === undefined) throw new ParseError('no "BGP router identifier" line: BGP is not running, or this is not the output of get router info bgp summary');
  if (total !== undefined && total !== out.neighbors.length) throw new ParseError(`"Total number of neighbors ${total}" but ${out.neighbors.length} neighbour row(s) were read`);
  return out;
};
