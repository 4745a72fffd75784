#!/usr/bin/env node
// A small stand-in for the PAN-OS operational CLI, run by a real OpenSSH sshd (ForceCommand) in the interop test.
// The pty does the echo and the \n -> \r\n translation, as on a device, so this script prints neither.
// argv[2]: a file with the real `show system info` capture to print; argv[3] (optional): a phy dump to print for
// `show system state filter-pretty sys.s*.p*.phy`.
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { createInterface } from "node:readline";

const systemInfo = readFileSync(process.argv[2] ?? "", "utf8");
const prompt = `${userInfo().username}@PA-SSHD> `;
// Session settings a client sends after login; PAN-OS accepts them silently.
const settings = [/^set cli pager (on|off)$/, /^set cli scripting-mode (on|off)$/, /^set cli terminal (width|height) \d+$/, /^set cli op-command-xml-output (on|off)$/];
const outputs = new Map([
  ["show system info", systemInfo],
  ["show clock", "Mon Jan 13 09:12:44 UTC 2025\n"],
  ["show high-availability state", "HA not enabled\n"],
]);
if (process.argv[3]) outputs.set("show system state filter-pretty sys.s*.p*.phy", readFileSync(process.argv[3], "utf8"));
const verbs = new Set(["show", "set", "request", "test", "debug", "clear", "configure", "exit", "quit"]);

function answer(command) {
  if (command === "" || settings.some((re) => re.test(command))) return "";
  const known = outputs.get(command);
  if (known !== undefined) return known;
  const verb = command.split(" ")[0];
  return verbs.has(verb) ? "Invalid syntax.\n" : `Unknown command: ${verb}\n`;
}

process.stdout.write(`\nWelcome to the fake PAN-OS CLI.\n\n${prompt}`);
// terminal: false keeps the tty in canonical mode with its own echo, like a login shell's line discipline.
const lines = createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  const command = line.trim().replace(/\s+/g, " ");
  if (command === "exit" || command === "quit") {
    lines.close();
    return;
  }
  const text = answer(command);
  process.stdout.write(text === "" ? prompt : `${text}\n${prompt}`);
});
lines.on("close", () => process.exit(0));
