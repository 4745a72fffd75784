// `preflight parse`: try a TextFSM template on a saved output, offline. The template is a file, a name from the
// template directory (the pinned ntc-templates unless --templates DIR), or chosen through the directory's index by
// --platform and --command as netmiko chooses it. Prints the records as JSON with lower-case keys, as
// ntc-templates' parsed_sample files hold them. Exit 0 parsed; 1 the template refused the input (its Error action)
// or the time limit stopped the parse; 3 bad usage, an unreadable file or an invalid template.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { EXIT } from "../model/status.js";
import { TextFSMError } from "../textfsm/fsm.js";
import { bundledLibrary, loadTemplateFile, TemplateLibrary, TemplateNotFoundError } from "../textfsm/library.js";
import { DEFAULT_TIME_LIMIT_MS, parseText, TextFSMTimeoutError } from "../textfsm/parse.js";
import type { Template } from "../textfsm/template.js";
import { TextFSMTemplateError } from "../textfsm/template.js";
import type { CliIo } from "./io.js";

export interface ParseCommandArgs {
  /** A template file, or a template name in the template directory. */
  textfsm?: string;
  platform?: string;
  command?: string;
  /** A template directory (with `index`) or an ntc-templates checkout; default the pinned copy. */
  templates?: string;
  timeLimitMs?: number;
  /** The output to parse; "-" reads stdin. */
  file: string;
  /** Read stdin (tests pass a string). */
  stdin?: () => string;
}

export async function parseCommand(args: ParseCommandArgs, io: Pick<CliIo, "stdout" | "stderr" | "cwd">): Promise<number> {
  const fail = (message: string, code: number = EXIT.badInput) => {
    io.stderr.write(`preflight parse: ${message}\n`);
    return code;
  };
  if (!args.textfsm && !(args.platform && args.command)) return fail("give --textfsm TEMPLATE_OR_NAME, or --platform and --command to choose a template from the index");
  if (args.textfsm && (args.platform || args.command)) return fail("give either --textfsm or --platform with --command, not both");
  if (args.timeLimitMs !== undefined && !(Number.isInteger(args.timeLimitMs) && args.timeLimitMs > 0)) return fail(`--time-limit must be a positive number of milliseconds, not "${args.timeLimitMs}"`);

  let text: string;
  try {
    text = args.file === "-" ? (args.stdin ?? (() => readFileSync(0, "utf8")))() : readFileSync(resolve(io.cwd, args.file), "utf8");
  } catch (err) {
    return fail(`cannot read ${args.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }

  let templates: Template[];
  let clitable: boolean;
  try {
    const library = args.templates ? new TemplateLibrary(resolve(io.cwd, args.templates)) : undefined;
    const ref = args.textfsm;
    // A path when it has a separator, or is an existing *.textfsm file here; otherwise a name in the directory.
    if (ref && (/[\\/]/.test(ref) || (ref.endsWith(".textfsm") && existsSync(resolve(io.cwd, ref))))) {
      templates = [loadTemplateFile(resolve(io.cwd, ref))];
      clitable = false;
    } else if (ref) {
      templates = [(library ?? bundledLibrary()).template(ref)];
      clitable = true;
    } else {
      templates = (library ?? bundledLibrary()).templatesFor(args.platform as string, args.command as string);
      clitable = true;
    }
  } catch (err) {
    if (err instanceof TextFSMTemplateError || err instanceof TemplateNotFoundError) return fail(err.message);
    throw err;
  }

  try {
    const records = parseText(templates, text, { clitable, timeLimitMs: args.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS });
    io.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    return EXIT.ready;
  } catch (err) {
    if (err instanceof TextFSMError || err instanceof TextFSMTimeoutError) return fail(err.message, EXIT.blocked);
    if (err instanceof TextFSMTemplateError) return fail(err.message);
    throw err;
  }
}
