// Named credential sets: which environment variables and key file a device's login comes from.
// The inventory names sets; the secrets themselves are read from the environment at connect time (secrets.ts).
import type { CredentialRef } from "./types.js";

export const DEFAULT_CREDENTIAL_SET = "default";

/**
 * The set every device gets when its inventory names none. It exists even when not declared, so that a bare
 * inventory works with PREFLIGHT_USERNAME / PREFLIGHT_PASSWORD (or a key in ssh-agent) and nothing else.
 */
export function builtinCredentialSet(): CredentialRef {
  return {
    name: DEFAULT_CREDENTIAL_SET,
    usernameEnv: "PREFLIGHT_USERNAME",
    passwordEnv: "PREFLIGHT_PASSWORD",
    passphraseEnv: "PREFLIGHT_KEY_PASSPHRASE",
    // Used only when SSH_AUTH_SOCK is set (see resolveSecrets).
    useAgent: true,
  };
}

/** A credential set as written in the YAML inventory (already schema-checked). */
export interface CredentialSetSpec {
  username_env?: string;
  password_env?: string;
  passphrase_env?: string;
  identity?: string;
  agent?: boolean;
}

/**
 * A declared set: each variable it does not name falls back to the built-in set's variable. The agent is off unless
 * asked for: a declared set says how to log in, and an agent offering many keys trips network devices'
 * "too many authentication failures" limit before the intended method is tried.
 */
export function credentialSetFromSpec(name: string, spec: CredentialSetSpec | null): CredentialRef {
  const base = builtinCredentialSet();
  const ref: CredentialRef = {
    name,
    usernameEnv: spec?.username_env ?? base.usernameEnv,
    passwordEnv: spec?.password_env ?? base.passwordEnv,
    passphraseEnv: spec?.passphrase_env ?? base.passphraseEnv,
    useAgent: spec?.agent ?? false,
  };
  if (spec?.identity !== undefined) ref.identityFile = spec.identity;
  return ref;
}
