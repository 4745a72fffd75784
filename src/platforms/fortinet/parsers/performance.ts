// The `fortios-performance` parser: `get system performance status` -> CPU idle and memory use, sessions and
// uptime, from the layout FortiOS 6.x/7.x prints:
//
//   CPU states: 0% user 0% system 0% nice 97% idle 0% iowait 0% irq 3% softirq
//   Memory: 2055880k total, 1209940k used (58.9%), 845940k free (41.1%), 0k freeable (0.0%)
//   Average sessions: 52 sessions in 1 minute, 52 sessions in 10 minutes, 53 sessions in 30 minutes
//   Uptime: 10 days,  3 hours,  22 minutes
//
// No public capture was found: the layout is written from Fortinet's documentation examples and says so in the
// fixtures. Without the CPU and memory lines the output is an error, never a healthy reading.
import { ParseError, type Parser } from "../../../parse/types.js";

export interface FortiosPerformance {
  cpu_idle_percent: number;
  memory_total_kb: number;
  memory_used_kb: number;
  memory_used_percent: number;
  memory_freeable_kb?: number;
  sessions_1min?: number;
  uptime?: string;
}

const CPU = /^CPU states:.*?(\d+(?:\.\d+)?)% idle\b/m;
const MEMORY = /^Memory:\s*(\d+)k total,\s*(\d+)k used \((\d+(?:\.\d+)?)%\)(?:,\s*\d+k free \([\d.]+%\))?(?:,\s*(\d+)k freeable)?/m;
const SESSIONS = /^Average sessions:\s*(\d+) sessions in 1 minute/m;
const UPTIME = /^Uptime:\s*(.+?)\s*$/m;

export const parseFortiosPerformance: Parser = (raw) => {
  const text = raw.replace(/\r\n/g, "\n");
  const cpu = CPU.exec(text);
  if (!cpu) throw new ParseError('no "CPU states: ... % idle" line: not the output of get system performance status');
  const mem = MEMORY.exec(text);
  if (!mem) throw new ParseError('no "Memory: <N>k total, <N>k used (<P>%)" line: not the output of get system performance status');
  const total = Number(mem[1]);
  const used = Number(mem[2]);
  const percent = Number(mem[3]);
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(used) || used > total || percent > 100 || Number(cpu[1]) > 100) {
    throw new ParseError(`impossible figures: ${mem[2]}k used of ${mem[1]}k (${mem[3]}%), CPU ${cpu[1]}% idle`);
  }
  const out: FortiosPerformance = { cpu_idle_percent: Number(cpu[1]), memory_total_kb: total, memory_used_kb: used, memory_used_percent: percent };
  if (mem[4] !== undefined) out.memory_freeable_kb = Number(mem[4]);
  const sessions = SESSIONS.exec(text);
  if (sessions) out.sessions_1min = Number(sessions[1]);
  const uptime = UPTIME.exec(text);
  if (uptime) out.uptime = (uptime[1] as string).replace(/\s+/g, " ");
  return out;
};
