// SSH user authentication for a simulated device: password, public key (signature verified) and
// keyboard-interactive, with the acknowledge-the-banner step some firewall logins put before the password.
import ssh2, { type AuthContext, type KeyboardAuthContext, type ParsedKey, type PublicKeyAuthContext } from "ssh2";

const { utils } = ssh2;
import type { SimDeviceSpec } from "./types.js";

type Method = "password" | "publickey" | "keyboard-interactive";

export const BANNER_QUESTION = "Do you accept and acknowledge the statement above? (yes/no) : ";

export function parseAuthorizedKeys(lines: string[] | undefined): ParsedKey[] {
  return (lines ?? []).map((line) => {
    const key = utils.parseKey(line);
    if (key instanceof Error) throw new Error(`authorized key "${line.slice(0, 40)}...": ${key.message}`);
    return Array.isArray(key) ? (key[0] as ParsedKey) : key;
  });
}

/** The methods a device offers. A device with a banner offers no plain password: the banner is only shown
 * through keyboard-interactive, so a client that cannot answer it cannot log in, as on the real device. */
function methods(spec: SimDeviceSpec, keys: ParsedKey[]): Method[] {
  const offered: Method[] = spec.loginBanner === undefined ? ["password"] : [];
  if (keys.length > 0) offered.push("publickey");
  offered.push("keyboard-interactive");
  return offered;
}

function publicKeyAccepted(ctx: PublicKeyAuthContext, keys: ParsedKey[]): boolean {
  const key = keys.find((candidate) => candidate.getPublicSSH().equals(ctx.key.data));
  if (!key) return false;
  // Without a signature the client only asks whether this key would do; accept() then answers PK_OK.
  if (!ctx.signature || !ctx.blob) return true;
  return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
}

/** Some devices ask again, in the same exchange, after a wrong password (up to this many times). */
const REPROMPTS = 3;

function keyboardInteractive(ctx: KeyboardAuthContext, spec: SimDeviceSpec, reject: () => void, reprompt: boolean): void {
  let asked = 0;
  const askPassword = (): void =>
    ctx.prompt([{ prompt: "Password: ", echo: false }], (answers) => {
      asked++;
      if (answers[0] !== undefined && answers[0] !== "") spec.authLog?.push("keyboard-interactive password");
      if (answers[0] === spec.password) ctx.accept();
      else if (reprompt && asked < REPROMPTS) askPassword();
      else reject();
    });
  if (spec.loginBanner === undefined) {
    askPassword();
    return;
  }
  ctx.prompt([{ prompt: `${spec.loginBanner}\n\n${BANNER_QUESTION}`, echo: true }], (answers) => {
    if (answers[0]?.trim().toLowerCase() === "yes") askPassword();
    else reject();
  });
}

/** Answers one authentication request; `rejectAll` is the auth-reject fault. */
export function authenticate(ctx: AuthContext, spec: SimDeviceSpec, keys: ParsedKey[], rejectAll: boolean): void {
  const offered = methods(spec, keys);
  const reject = (): void => ctx.reject(offered);
  if (ctx.method === "password") spec.authLog?.push("password");
  // A signed publickey request is a real attempt; an unsigned one only asks whether the key would do (an offer).
  if (ctx.method === "publickey") spec.authLog?.push(ctx.signature ? "publickey" : "publickey offer");
  if (rejectAll || ctx.username !== spec.username || !offered.includes(ctx.method as Method)) {
    reject();
    return;
  }
  switch (ctx.method) {
    case "password":
      if (ctx.password === spec.password) ctx.accept();
      else reject();
      return;
    case "publickey":
      if (publicKeyAccepted(ctx, keys)) ctx.accept();
      else reject();
      return;
    case "keyboard-interactive":
      keyboardInteractive(ctx, spec, reject, spec.passwordReprompts === true);
      return;
    default:
      reject();
  }
}
