#!/usr/bin/env node
// The `preflight` command line: subcommands, their options and help, and the exit-code contract
// (0 ready, 1 blocked, 2 incomplete, 3 bad input or usage, 4 nothing to do).
import { Command, CommanderError, Option } from "commander";
import { EXIT } from "../model/status.js";
import { processIo } from "./io.js";
import { addTransportOptions, collectList, type RawRunOptions } from "./options.js";
import type { OpticsCommandOptions } from "./optics-command.js";
import type { WorkerCommandOptions } from "./worker-command.js";
import { TOOL } from "../util/tool.js";

const EXIT_CODES_HELP = `
Exit codes:
  0  every selected device was audited and is ready
  1  at least one device is blocked (a failed check at or above --fail-on)
  2  the audit is incomplete: nothing blocked, but a device was unreachable or a check could not be evaluated
  3  bad input or usage: invalid inventory, check, data or options; nothing was run
  4  nothing to do: the selection matched no device or no check`;

// Each command's module is loaded by its action, not here: `run` does not pay for the queue client, the web
// server, the database or TextFSM, and `--help` pays for none of them.
export function buildProgram(onExit: (code: number) => void): Command {
  const program = new Command("preflight")
    .description("Read-only pre-upgrade audits of network devices over SSH, with one readiness report.")
    .version(TOOL.version)
    .showHelpAfterError()
    .exitOverride()
    .addHelpText("after", EXIT_CODES_HELP);

  addSelectionOptions(program.command("run").description("audit the selected devices and write the readiness report"))
    .option("--from-capture <dir>", "evaluate a capture made by `preflight capture`, offline (no SSH)")
    .option("-f, --format <formats>", "report files to write: json,html,junit,csv,optics-csv,md (default json,html)", collectList, [])
    .option("--stdout <format>", "print this format on stdout instead of the summary: json, junit, csv, md, html, summary")
    .option("--baseline <report.json>", "compare with a previous run: new failures, resolved, still failing")
    .option("--waivers <file>", "accepted exceptions with justification, owner and expiry (docs/reports.md)")
    .option("--db <url>", "store the run in the history database too: postgres://... or a folder of the embedded database (docs/server.md)")
    .addOption(new Option("--fail-on <severity>", "failed checks at or above this severity block a device").default("low"))
    .option("--resume <dir>", "finish a stopped run (killed, crashed, Ctrl-C) from the journal in its --out folder DIR: only the devices that did not finish are audited, one report for the whole run; its options come from the journal (docs/resume.md)")
    .option("--queue <url>", "hand the devices to `preflight worker`s through this Redis queue (redis://host:port; docs/scale-out.md)")
    .option("--queue-timeout <seconds>", "with --queue: give up on a queue that stops answering after this long; the rest is not-run", "30")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (opts: RawRunOptions, command: Command) => {
      if (opts.resume) {
        const given = command.options.map((o) => o.attributeName()).filter((key) => command.getOptionValueSource(key) === "cli");
        const { resumeCommand } = await import("./run-command.js");
        onExit(await withInterrupt((signal) => resumeCommand(opts, given, processIo(signal))));
        return;
      }
      const formats = opts.format.length ? opts.format : ["json", "html"];
      const { runCommand } = await import("./run-command.js");
      onExit(await withInterrupt((signal) => runCommand({ ...opts, format: formats }, processIo(signal))));
    });

  addSelectionOptions(program.command("capture").description("gather only: save every raw output the selected checks need, for `run --from-capture`"))
    .option("--queue <url>", "gather through `preflight worker`s on this Redis queue (docs/scale-out.md)")
    .option("--queue-timeout <seconds>", "with --queue: give up on a queue that stops answering after this long", "30")
    .addHelpText("after", "\nExit codes: 0 everything captured, 2 some device could not be captured fully, 3 bad input, 4 nothing to do.")
    .action(async (opts: RawRunOptions) => {
      const { captureCommand } = await import("./capture-command.js");
      onExit(await withInterrupt((signal) => captureCommand({ ...opts, format: [], failOn: "low" }, processIo(signal))));
    });

  addTransportOptions(program.command("worker").description("audit the devices of the given sites that `run --queue` hands out (docs/scale-out.md)"))
    .requiredOption("--queue <url>", "the Redis queue: redis://[user@]host:port[/db], rediss:// for TLS (its password from PREFLIGHT_QUEUE_PASSWORD)")
    .option("--site <names>", "serve the devices of these sites (repeatable, comma-separated; default: devices without a site)", collectList, [])
    .option("--name <name>", "this worker's name in the results and logs (default: host:pid)")
    .option("--credentials-from <inventory>", "an inventory whose credential sets this worker may use (default: only the built-in default set)")
    .option("-c, --checks <list>", "check files, folders, ids, globs (default: the built-in checks); each job's checks must match them", collectList, [])
    .option("--data-dir <dir>", "your own reference data, as for run (must match the coordinator's)")
    .option("--concurrency <n>", "devices audited at once, per site served (--site a,b --concurrency 20: up to 40 at once)", "20")
    .option("--lease <seconds>", "how long a device stays with a worker that stopped answering before another takes it", "30")
    .option("--known-hosts <file>", "known_hosts file for host key checking (default: ~/.ssh/known_hosts)")
    .option("--accept-new-host-keys", "record the key of a host seen for the first time (a changed key still fails)", false)
    .option("--identity <file>", "private key for SSH (passphrase from PREFLIGHT_KEY_PASSPHRASE)")
    .addHelpText("after", "\nRuns until Ctrl-C or SIGTERM, then finishes the devices in progress. Exit codes: 0 stopped, 3 bad input.")
    .action(async (opts: WorkerCommandOptions) => {
      const { workerCommand } = await import("./worker-command.js");
      onExit(await withInterrupt((signal) => workerCommand(opts, processIo(signal))));
    });

  program
    .command("report")
    .description("re-render a saved report.json in other formats (offline)")
    .argument("<report.json>", "a report written by `preflight run`")
    .option("-f, --format <formats>", "report files to write: json,html,junit,csv,optics-csv,md", collectList, [])
    .option("-o, --out <dir>", "output folder", "preflight-report")
    .option("--stdout <format>", "print this format on stdout: json, junit, csv, md, html, summary (default summary)")
    .option("--baseline <report.json>", "compare with an older run")
    .option("--waivers <file>", "apply waivers (docs/reports.md)")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (file: string, opts: { format: string[]; out: string; stdout?: string; baseline?: string; waivers?: string }) => {
      const { reportCommand } = await import("./report-command.js");
      onExit(await reportCommand(file, opts, processIo()));
    });

  addSelectionOptions(
    program
      .command("optics")
      .description("the estate's optics inventory: every distinct optic, where it is installed, and whether each device's upgrade path supports it")
      .argument("[report.json]", "a report written by `preflight run` (otherwise: --from-capture, or the devices of --inventory, live)"),
  )
    .option("--from-capture <dir>", "evaluate a capture made by `preflight capture`, offline (no SSH)")
    .addOption(new Option("--output <format>", "what to print").choices(["text", "csv", "json"]).default("text"))
    .addHelpText(
      "after",
      "\nWithout --checks, runs the checks tagged optics.\nExit codes: 0 every optic is supported, 1 some optic is to replace, 2 some optic or device could not be inventoried, 3 bad input, 4 nothing to do.",
    )
    .action(async (file: string | undefined, opts: OpticsCommandOptions) => {
      const { opticsCommand } = await import("./optics-command.js");
      onExit(await withInterrupt((signal) => opticsCommand(file, opts, processIo(signal))));
    });

  program
    .command("serve")
    .description("serve the audit as a REST API under /api/v1 (docs/server.md)")
    .option("--listen <host:port>", "address to listen on", "127.0.0.1:8080")
    .option("--state-dir <dir>", "folder for the runs' inputs (inventory and known_hosts per run; never credentials) and the embedded database", "preflight-data")
    .option("--db <url>", "PostgreSQL URL (postgres://user@host/db) for the run history (default: embedded PGlite in <state-dir>/db)")
    .option("--webhook <url>", "POST run.finished and device.blocked events here, signed with $PREFLIGHT_WEBHOOK_SECRET (repeatable; docs/webhooks.md)", collectList, [])
    .option("--public-url <url>", "the server's address as clients reach it, for the report links in webhooks")
    .option("--queue <url>", "hand the runs' devices to `preflight worker`s through this Redis queue, as `run --queue` does (docs/scale-out.md)")
    .option("--queue-timeout <seconds>", "with --queue: a run gives up on a queue that stops answering after this long; the rest is not-run", "30")
    .option("--tls-cert <file>", "serve HTTPS with this certificate (PEM, the chain after it); with --tls-key")
    .option("--tls-key <file>", "the certificate's private key (PEM, unencrypted)")
    .option("--shutdown-timeout <seconds>", "how long a stop (SIGTERM, Ctrl-C) may take before the process exits anyway", "30")
    .addHelpText("after", "\nSIGTERM and Ctrl-C stop it gracefully: new requests get 503, runs in progress end cancelled with their report. Exit codes: 0 stopped, 1 stop timed out, 3 bad input.")
    .action(async (opts: { listen: string; stateDir: string; db?: string; webhook: string[]; publicUrl?: string; queue?: string; queueTimeout?: string; tlsCert?: string; tlsKey?: string; shutdownTimeout: string }) => {
      // Loaded only for `serve`: the web framework and its database are a large part of every other command's start-up.
      const { serveCommand } = await import("./serve-command.js");
      const code = await withInterrupt((signal) => serveCommand(opts, processIo(signal)));
      onExit(code);
      // A stop that timed out leaves work behind (a delivery being retried): exit regardless, it is bounded.
      if (code === 1) setTimeout(() => process.exit(1), 200).unref();
    });

  program
    .command("diff")
    .description("compare two runs: new failures, resolved, still failing, devices added or removed")
    .argument("<old.json>", "the earlier report.json")
    .argument("<new.json>", "the later report.json")
    .addOption(new Option("-f, --format <format>", "output format").choices(["summary", "md", "json"]).default("summary"))
    .addHelpText("after", "\nExit codes: 0 no new failures, 1 new failures, 3 bad input.")
    .action(async (oldFile: string, newFile: string, opts: { format: string }) => {
      const { diffCommand } = await import("./diff-command.js");
      onExit(await diffCommand(oldFile, newFile, opts.format, processIo()));
    });

  program
    .command("path")
    .description("print the releases a device boots between two versions, and why (platforms with known upgrade rules)")
    .requiredOption("--from <version>", "the release the device runs")
    .requiredOption("--to <version>", "the target release")
    .option("--platform <name>", "netmiko platform name (default: the one platform whose upgrade rules are known)")
    .option("--path <versions>", "check this explicit path instead of planning one (comma-separated, the target last)", collectList, [])
    .addOption(new Option("--maintenance <mode>", "which release of each intermediate train to boot").choices(["latest-known", "none"]).default("latest-known"))
    .option("--ha", "an HA pair: do not skip feature releases", false)
    .action(async (opts: { from: string; to: string; platform?: string; path: string[]; maintenance: "latest-known" | "none"; ha: boolean }) => {
      const { pathCommand } = await import("./path-command.js");
      onExit(await pathCommand({ ...(opts.platform ? { platform: opts.platform } : {}), from: opts.from, to: opts.to, maintenance: opts.maintenance, ha: opts.ha, ...(opts.path.length ? { path: opts.path } : {}) }, processIo()));
    });

  program
    .command("parse")
    .description("parse a saved command output with a TextFSM template and print the records as JSON (docs/textfsm.md)")
    .argument("<file>", "the command output; - reads stdin")
    .option("--textfsm <template>", "a template file (with a path separator or an existing .textfsm), or a template name such as cisco_ios_show_version")
    .option("--platform <name>", "with --command: choose the template from the index, as netmiko does (e.g. cisco_ios)")
    .option("--command <command>", "the command that printed the output, abbreviations allowed (e.g. \"sh ver\")")
    .option("--templates <dir>", "a template directory with an index, or an ntc-templates checkout (default: the pinned ntc-templates)")
    .option("--time-limit <ms>", "stop a parse that runs longer than this (a catastrophic regex)", (v) => Number(v))
    .addHelpText("after", "\nExit codes: 0 parsed, 1 the template's Error action refused the input or the time limit stopped it, 3 bad input.")
    .action(async (file: string, opts: { textfsm?: string; platform?: string; command?: string; templates?: string; timeLimit?: number }) => {
      const { timeLimit, ...rest } = opts;
      const { parseCommand } = await import("./parse-command.js");
      onExit(await parseCommand({ ...rest, file, ...(timeLimit !== undefined ? { timeLimitMs: timeLimit } : {}) }, processIo()));
    });

  program
    .command("test")
    .description("run the test cases shipped with checks (tests/<check-id>.yaml) against their captured outputs")
    .argument("[checks...]", "check files, folders, ids, globs, tag:<tag> (default: the built-in library)")
    .addHelpText("after", "\nExit codes: 0 every case passed, 1 a case failed, 3 bad input, 4 no case ran.")
    .action(async (checks: string[]) => {
      const { testCommand } = await import("./test-command.js");
      onExit(await testCommand(checks, processIo()));
    });

  program
    .command("explain")
    .description("what a check needs, does and why")
    .argument("<check>", "check id or file")
    .option("-c, --checks <paths>", "more check folders to look in", collectList, [])
    .action(async (id: string, opts: { checks: string[] }) => {
      const { explainCommand } = await import("./explain-command.js");
      onExit(await explainCommand(id, processIo(), opts.checks));
    });

  program
    .command("list")
    .description("list checks, with filters")
    .option("--platform <name>", "only checks for this platform")
    .option("--tag <tag>", "only checks with this tag")
    .option("--severity <severity>", "only checks at or above this severity")
    .option("--text <text>", "only checks whose id, title or description contains this")
    .option("-c, --checks <paths>", "more check folders to list", collectList, [])
    .action(async (opts: { platform?: string; tag?: string; severity?: string; text?: string; checks: string[] }) => {
      const { checks, ...filters } = opts;
      const { listCommand } = await import("./list-command.js");
      onExit(await listCommand(filters, processIo(), checks));
    });

  program
    .command("platforms")
    .description("list the platforms preflight can audit: checks, commands, parsers, fixtures, demo fleet, upgrade paths")
    .option("--markdown", "print the table as Markdown (docs/platforms.md)")
    .action(async (opts: { markdown?: boolean }) => {
      const { platformsCommand } = await import("./platforms-command.js");
      onExit(await platformsCommand(opts, processIo()));
    });

  program
    .command("validate")
    .description("check check files, check folders and inventories without contacting any device")
    .argument("<paths...>", "files or folders")
    .action(async (paths: string[]) => {
      const { validateCommand } = await import("./validate-command.js");
      onExit(await validateCommand(paths, processIo()));
    });

  return program;
}

/** Options shared by `run` and `capture`: what to audit, with which checks, and how to reach it. */
function addSelectionOptions(command: Command): Command {
  return addTransportOptions(command)
    .option("-i, --inventory <file>", "inventory, YAML or CSV (see docs/inventory.md)")
    .option("-g, --group <names>", "only devices in these groups (repeatable, comma-separated)", collectList, [])
    .option("-d, --device <names>", "only these devices; * globs allowed (repeatable, comma-separated)", collectList, [])
    .option("-t, --tag <tags>", "only devices with these tags (repeatable, comma-separated)", collectList, [])
    .option("-c, --checks <list>", "check files, folders, ids, globs, tag:<tag>, !<exclude> (default: the built-in checks)", collectList, [])
    .option("--target-version <version>", "release to check against (default: target_version from the inventory)")
    .option("--path <versions>", "explicit upgrade path for every selected device, the target last (e.g. 10.1.0,10.2.0,10.2.4-h4)", collectList, [])
    .option("--strict-path", "refuse an explicit path that breaks the upgrade rules: that device's checks are not evaluated (default: audit every hop anyway, the broken rule blocking)", false)
    .option("--data-dir <dir>", "your own reference data: DIR/<pack>/<file> replaces the built-in checks/<pack>/data/<file> (e.g. DIR/paloalto_panos/transceivers.local.yaml approves parts)")
    .option("-o, --out <dir>", "output folder", "preflight-report")
    .option("--concurrency <n>", "devices audited at once", "20")
    .option("--known-hosts <file>", "known_hosts file for host key checking (default: ~/.ssh/known_hosts)")
    .option("--accept-new-host-keys", "record the key of a host seen for the first time (a changed key still fails)", false)
    .option("--identity <file>", "private key for SSH (passphrase from PREFLIGHT_KEY_PASSPHRASE)")
    .option("--connect-timeout <seconds>", "time limit to connect and log in", "15")
    .option("--command-timeout <seconds>", "time limit for one command", "60")
    .option("--device-timeout <seconds>", "time limit for one whole device", "300")
    .option("--no-progress", "no progress output on stderr");
}

/** First Ctrl-C: stop new work, close sessions, still write what finished. Second: quit at once. */
async function withInterrupt(run: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write("\npreflight: interrupted; closing sessions and writing what finished (Ctrl-C again to quit at once)\n");
    controller.abort(new Error("interrupted by Ctrl-C"));
  };
  process.on("SIGINT", onSigint);
  try {
    return await run(controller.signal);
  } finally {
    process.off("SIGINT", onSigint);
  }
}

async function main(): Promise<void> {
  // `preflight ... | head` closes the pipe early: that is the reader's choice, not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  let code: number = EXIT.ready;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are not errors; anything else commander rejects is a usage error.
      code = err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help" ? 0 : EXIT.badInput;
    } else {
      process.stderr.write(`preflight: internal error: ${(err as Error).stack ?? String(err)}\n`);
      code = 70;
    }
  }
  process.exitCode = code;
}

await main();
