// `preflight validate PATH...`: checks check files, check folders and inventories without contacting any
// device, printing every problem as file:line:col. Exit 0 when all is well, 3 otherwise.
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { checkFilesUnder } from "../checks/library.js";
import { loadCheckFile } from "../checks/load.js";
import { findTestFiles, loadTestCases } from "../checks/testing.js";
import { validateInventoryFile } from "../inventory/load.js";
import { isNetboxSource } from "../inventory/netbox.js";
import { EXIT } from "../model/status.js";
import { formatDiagnostic, type Diagnostic } from "../util/diagnostics.js";
import { shownPath, type CliIo } from "./io.js";

export async function validateCommand(paths: string[], io: CliIo): Promise<number> {
  const diagnostics: Diagnostic[] = [];
  let checks = 0;
  let inventories = 0;
  for (const path of paths) {
    if (isNetboxSource(path)) {
      inventories += 1;
      diagnostics.push(...(await validateInventoryFile(path)));
      continue;
    }
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      diagnostics.push({ file: path, line: 0, col: 0, message: "no such file or folder" });
      continue;
    }
    const files = info.isDirectory() ? await checkFilesUnder(path) : [path];
    for (const file of files) {
      if (await isInventory(file)) {
        inventories += 1;
        diagnostics.push(...(await validateInventoryFile(file)));
      } else {
        checks += 1;
        const loaded = await loadCheckFile(file);
        diagnostics.push(...loaded.diagnostics);
        // The check's own test cases are part of it: a broken test file is a problem with the check.
        const testFile = findTestFiles([file]).get(file);
        if (loaded.check && testFile) diagnostics.push(...(await loadTestCases(testFile, loaded.check)).diagnostics);
      }
    }
  }
  const shown = diagnostics.map((d) => ({ ...d, file: shownPath(io.cwd, d.file) }));
  for (const d of shown) io.stderr.write(`${formatDiagnostic(d)}\n`);
  const what = `${checks} check file(s), ${inventories} inventor${inventories === 1 ? "y" : "ies"}`;
  if (diagnostics.length) {
    io.stderr.write(`preflight validate: ${diagnostics.length} problem(s) in ${what}\n`);
    return EXIT.badInput;
  }
  io.stdout.write(`preflight validate: ${what}: no problems\n`);
  return EXIT.ready;
}

/** CSV files are inventories; a YAML file is one when it has hosts/groups/defaults and no check id. */
async function isInventory(file: string): Promise<boolean> {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return true;
  if (ext !== ".yaml" && ext !== ".yml") return false;
  const text = await readFile(file, "utf8").catch(() => "");
  return /^(hosts|groups|defaults|credentials):/m.test(text) && !/^id:/m.test(text);
}
