// A simulated Linux host's shell: `user@host:~$ ` prompt, pty echo, answers from the device spec's outputs and
// bash's "command not found" for anything else; exec runs the same table. Test and demo infrastructure.
import type { ServerChannel } from "ssh2";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";

function answer(spec: SimDeviceSpec, command: string): string {
  const out = spec.outputs[command];
  if (out !== undefined) return out;
  return `bash: ${command.split(" ")[0] ?? ""}: command not found\n`;
}

const crlf = (text: string): string => text.replace(/\r?\n/g, "\r\n");

export function runLinuxShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  const prompt = `${spec.username}@${spec.hostname}:~$ `;
  const faults = spec.faults ?? [];
  if (faults.some((f) => f.kind === "hang-after-login")) return;
  let line = "";
  channel.write(`Welcome to ${spec.hostname}\r\n${prompt}`);
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

export function runLinuxExec(channel: ServerChannel, spec: SimDeviceSpec, command: string): void {
  const known = spec.outputs[command] !== undefined;
  channel.write(known ? answer(spec, command) : "");
  if (!known) channel.stderr.write(answer(spec, command));
  channel.exit(known ? 0 : 127);
  channel.end();
}
