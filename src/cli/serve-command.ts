// `preflight serve`: the REST API (src/server/app.ts) on a listener; runs until interrupted.
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { buildApp } from "../server/app.js";
import type { CliIo } from "./io.js";

export interface ServeOptions {
  listen: string;
  stateDir: string;
}

export function parseListen(value: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value);
  if (!m?.[1] || !m[2]) return undefined;
  const port = Number(m[2]);
  if (port > 65535) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, ""), port };
}

export async function serveCommand(opts: ServeOptions, io: CliIo): Promise<number> {
  const listen = parseListen(opts.listen);
  if (!listen) {
    io.stderr.write(`--listen: "${opts.listen}" is not host:port (e.g. 127.0.0.1:8080)\n`);
    return 3;
  }
  const dataDir = resolve(io.cwd, opts.stateDir);
  await mkdir(dataDir, { recursive: true });
  const { app } = await buildApp({ dataDir, env: io.env });
  const address = await app.listen(listen);
  io.stderr.write(`preflight serve: listening on ${address} (API under /api/v1)\n`);
  await new Promise<void>((done) => {
    if (io.signal?.aborted) return done();
    io.signal?.addEventListener("abort", () => done(), { once: true });
  });
  await app.close();
  return 0;
}
