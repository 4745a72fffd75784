// `npm run bench:textfsm`: the TextFSM engine on a large `show` output. A real Cisco IOS `show interfaces` capture
// (fixtures/cisco_ios/show_interfaces, from ntc-templates' tests) is repeated until the text is BENCH_TEXTFSM_MB
// megabytes (default 10), then parsed with the pinned ntc-templates template the index picks for
// cisco_ios / show interfaces, as a check's `parser: { textfsm: ... }` parses it. It is also parsed at a tenth of the
// size: the engine is linear when ten times the text takes about ten times as long. Prints size, records, time,
// MB/s and the ratio; exits 1 if the records are not exactly the capture's records times the repetitions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledLibrary } from "../src/textfsm/library.js";
import { parseText } from "../src/textfsm/parse.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MB = Number(process.env.BENCH_TEXTFSM_MB ?? 10);
const capture = readFileSync(join(ROOT, "fixtures/cisco_ios/show_interfaces/ntc-templates__tests__cisco_ios__show_interfaces__cisco_ios_show_interfaces.raw"), "utf8");
const block = capture.endsWith("\n") ? capture : `${capture}\n`;
const library = bundledLibrary();
const templates = library.templatesFor("cisco_ios", "show interfaces");
const perBlock = parseText(templates, block, { clitable: true }).length;

function run(megabytes: number): { bytes: number; records: number; ms: number; repeats: number } {
  const repeats = Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(block));
  const text = block.repeat(repeats);
  const started = process.hrtime.bigint();
  const records = parseText(templates, text, { clitable: true, timeLimitMs: 600_000 }).length;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (records !== perBlock * repeats) {
    console.error(`wrong record count at ${megabytes} MB: ${records}, expected ${perBlock * repeats}`);
    process.exit(1);
  }
  return { bytes: Buffer.byteLength(text), records, ms, repeats };
}

run(0.5); // warm-up: V8 compiles the template's regexes and the engine's hot paths
const small = run(MB / 10);
const large = run(MB);
const line = (r: ReturnType<typeof run>): string => `${(r.bytes / 1048576).toFixed(1).padStart(6)} MB  ${String(r.records).padStart(8)} records  ${r.ms.toFixed(0).padStart(7)} ms  ${(r.bytes / 1048576 / (r.ms / 1000)).toFixed(1).padStart(6)} MB/s`;
console.log(`template: ${templates.map((t) => t.file.split("/").pop()).join(":")} (cisco_ios, show interfaces); ${perBlock} records per ${Buffer.byteLength(block)}-byte capture`);
console.log(line(small));
console.log(line(large));
console.log(`time ratio ${(large.ms / small.ms).toFixed(2)} for ${(large.bytes / small.bytes).toFixed(2)}x the text (linear: about the same)`);
