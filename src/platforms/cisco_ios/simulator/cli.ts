// A simulated Cisco IOS device's CLI: `host#` prompt, pty echo, `terminal length 0`/`width` accepted silently,
// answers from the device spec's outputs, and IOS's "% Invalid input detected" for anything else. Test and demo
// infrastructure, in the shape of the linux simulator.
import type { ServerChannel } from "ssh2";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";

function answer(spec: SimDeviceSpec, command: string): string {
  if (/^term(inal)? (len(gth)?|wid(th)?) \d+$/.test(command)) return "";
  const out = spec.outputs[command];
  // IOS ends every output with a newline before the prompt; captured files sometimes lost it.
  if (out !== undefined) return out === "" || out.endsWith("\n") ? out : `${out}\n`;
  return `${" ".repeat(spec.hostname.length + 1)}^\n% Invalid input detected at '^' marker.\n\n`;
}

const crlf = (text: string): string => text.replace(/\r?\n/g, "\r\n");

export function runCiscoIosShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  const prompt = `${spec.hostname}#`;
  const faults = spec.faults ?? [];
  if (faults.some((f) => f.kind === "hang-after-login")) return;
  let line = "";
  channel.write(`\r\n${prompt}`);
  channel.on("data", (data: Buffer) => {
    for (const ch of data.toString("utf8")) {
      if (ch === "\r" || ch === "\n") {
        if (ch === "\n" && line === "") continue;
        const command = line.trim();
        line = "";
        channel.write("\r\n");
        if (command === "exit") {
          channel.exit(0);
          channel.end();
          return;
        }
        const fault = faults.find((f) => f.kind !== "refuse" && f.kind !== "auth-reject" && f.kind !== "hang-after-login" && (f.command === undefined || f.command === command));
        if (fault?.kind === "hang-on-command") return;
        if (fault?.kind === "garbage" && command !== "") {
          // A garbled answer: line noise where the output should be, then the prompt as usual.
          channel.write("\x1b[?7h#@!~\u00ff\u00fe 0x7f%% ~~~ \r\n!@# garbled 12 %% ^^\r\n");
          channel.write(prompt);
          continue;
        }
        if (fault?.kind === "disconnect-mid-output") {
          channel.write(crlf(answer(spec, command).slice(0, 10)));
          connection.drop();
          return;
        }
        if (command !== "") channel.write(crlf(answer(spec, command)));
        channel.write(prompt);
      } else if (ch === "\x7f") {
        line = line.slice(0, -1);
      } else {
        line += ch;
        channel.write(ch);
      }
    }
  });
}

export function runCiscoIosExec(channel: ServerChannel, spec: SimDeviceSpec, command: string): void {
  channel.write(crlf(answer(spec, command)));
  channel.exit(0);
  channel.end();
}
