// `serve --tls-cert FILE --tls-key FILE`: the PEM files read and checked (that they parse and that the key is the
// certificate's) before anything starts, so a wrong path or a mismatched pair is exit 3 with a clear message, not a
// listener that fails on its first client.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createSecureContext } from "node:tls";

export interface TlsFiles {
  cert: string;
  key: string;
}

const firstLine = (message: string) => message.split("\n")[0] ?? message;

export async function readTlsFiles(certFile: string | undefined, keyFile: string | undefined, cwd: string): Promise<{ ok: true; tls: TlsFiles } | { ok: false; problems: string[] }> {
  const problems: string[] = [];
  if (certFile === undefined) problems.push("--tls-key: give --tls-cert too (the certificate, PEM)");
  if (keyFile === undefined) problems.push("--tls-cert: give --tls-key too (the certificate's private key, PEM)");
  const read = async (option: string, file: string | undefined) => {
    if (file === undefined) return undefined;
    try {
      return await readFile(resolve(cwd, file), "utf8");
    } catch (err) {
      problems.push(`${option}: cannot read "${file}": ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
      return undefined;
    }
  };
  const cert = await read("--tls-cert", certFile);
  const key = await read("--tls-key", keyFile);
  if (cert !== undefined && !/-----BEGIN CERTIFICATE-----/.test(cert)) problems.push(`--tls-cert: "${certFile}" is not a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  if (key !== undefined && !/-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(key)) problems.push(`--tls-key: "${keyFile}" is not a PEM private key (-----BEGIN PRIVATE KEY-----)`);
  else if (key !== undefined && /ENCRYPTED/.test(key)) problems.push(`--tls-key: "${keyFile}" is encrypted with a passphrase; give an unencrypted key (readable by the service user only)`);
  if (problems.length || cert === undefined || key === undefined) return { ok: false, problems };
  try {
    // Parses both and checks that the key belongs to the certificate (OpenSSL: "key values mismatch").
    createSecureContext({ cert, key });
  } catch (err) {
    return { ok: false, problems: [`--tls-cert/--tls-key: "${certFile}" and "${keyFile}" cannot be used together: ${firstLine((err as Error).message)}`] };
  }
  return { ok: true, tls: { cert, key } };
}
