// The `fortios-ha-status` parser: `get system ha status` -> health, mode, each member's configuration sync state,
// heartbeat interfaces, and the members' roles. Read from the real captures of FortiOS 5.6 to 7.0
// (fixtures/fortinet/get_system_ha_status, ntc-templates): sections start at a line without indent ("HA Health
// Status:", "Configuration Status:", "HBDEV stats:"), 7.0 indents their items, 6.x does not.
//
//   HA Health Status: OK                      | HA Health Status:
//   Mode: HA A-P                              |     WARNING: FGT40XXXXXXXXXXX has hbdev down;
//   Configuration Status:
//       FGT40XXXXXXXXXXX(updated 3 seconds ago): in-sync
//
// A standalone unit (Mode: Standalone) has no members. An output without "HA Health Status" or "Mode" is an error.
import { ParseError, type Parser } from "../../../parse/types.js";

export interface FortiosHaMember {
  serial: string;
  config: string;
}

export interface FortiosHaStatus {
  /** "OK", or "WARNING" when the health section lists warnings. */
  health: string;
  warnings: string[];
  /** As printed: "Standalone", "HA A-P", "HA A-A". */
  mode: string;
  standalone: boolean;
  group?: string;
  members: FortiosHaMember[];
  /** Heartbeat interfaces per member: name and state (up/down). */
  hbdev: { member: string; name: string; state: string }[];
  primary?: string;
  secondaries: string[];
}

const SECTION = /^([A-Z][\w ]*?(?:Status|stats|using)):\s*(.*)$/;
const MEMBER_SYNC = /^\s*(\S+?)\(updated \d+ seconds? ago\):\s*(\S+)\s*$/;
const MEMBER_HEAD = /^\s*(\S+?)\(updated \d+ seconds? ago\):\s*$/;
const HBDEV = /^\s*([\w.-]+): [\w-]+\/\w+, (up|down)\b/;
const ROLE = /^(Primary|Master|Secondary|Slave)\s*:\s*(?:[^,]*,\s*)?(\S+?),\s*(?:HA )?(?:cluster|operating) index/i;

export const parseFortiosHaStatus: Parser = (raw) => {
  const lines = raw.replace(/\r\n/g, "\n").split("\n");
  let health: string | undefined;
  let mode: string | undefined;
  const out: FortiosHaStatus = { health: "", warnings: [], mode: "", standalone: false, members: [], hbdev: [], secondaries: [] };
  let section = "";
  let member = "";
  for (const line of lines) {
    if (line.trim() === "") continue;
    if (!/^\s/.test(line)) {
      const s = SECTION.exec(line);
      const kv = /^([\w ]+?)\s*:\s*(.*)$/.exec(line);
      if (s && /^(HA Health Status|Configuration Status|System Usage stats|HBDEV stats|MONDEV stats|Primary selected using|Master selected using)$/.test(s[1] as string)) {
        section = s[1] as string;
        if (section === "HA Health Status") health = (s[2] as string).trim();
        continue;
      }
      const role = ROLE.exec(line);
      if (role) {
        if (/^(Primary|Master)$/i.test(role[1] as string)) out.primary ??= role[2] as string;
        else if (!out.secondaries.includes(role[2] as string)) out.secondaries.push(role[2] as string);
        section = "";
        continue;
      }
      if (section === "Configuration Status" || section === "HBDEV stats" || section === "System Usage stats" || section === "MONDEV stats") {
        const sync = MEMBER_SYNC.exec(line);
        if (section === "Configuration Status" && sync) {
          out.members.push({ serial: sync[1] as string, config: sync[2] as string });
          continue;
        }
        const head = MEMBER_HEAD.exec(line);
        if (head) {
          member = head[1] as string;
          continue;
        }
        const hb = HBDEV.exec(line);
        if (hb) {
          if (section === "HBDEV stats") out.hbdev.push({ member, name: hb[1] as string, state: hb[2] as string });
          continue;
        }
        if (/^sessions=/.test(line)) continue;
      }
      section = "";
      if (kv) {
        const key = kv[1] as string;
        if (key === "Mode") mode = (kv[2] as string).trim();
        else if (key === "Group") out.group = (kv[2] as string).trim();
      }
      continue;
    }
    // Indented lines belong to the current section.
    const text = line.trim();
    if (section === "HA Health Status") {
      if (/^WARNING:/.test(text)) out.warnings.push(text.replace(/^WARNING:\s*/, "").replace(/;$/, ""));
      continue;
    }
    if (section === "Configuration Status") {
      const sync = MEMBER_SYNC.exec(text);
      if (sync) out.members.push({ serial: sync[1] as string, config: sync[2] as string });
      continue;
    }
    const head = MEMBER_HEAD.exec(text);
    if (head) {
      member = head[1] as string;
      continue;
    }
    if (section === "HBDEV stats") {
      const hb = HBDEV.exec(text);
      if (hb) out.hbdev.push({ member, name: hb[1] as string, state: hb[2] as string });
    }
  }
  if (health === undefined) throw new ParseError('no "HA Health Status:" line: not the output of get system ha status');
  if (mode === undefined || mode === "") throw new ParseError('no "Mode:" line: not the output of get system ha status');
  out.health = health === "" ? (out.warnings.length > 0 ? "WARNING" : "") : health;
  if (out.health === "") throw new ParseError('"HA Health Status:" has neither a value nor warnings');
  out.mode = mode;
  out.standalone = /^standalone$/i.test(mode);
  return out;
};
