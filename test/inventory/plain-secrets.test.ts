// Which keys are secrets' slots: the table behind "credentials are not stored in the inventory".
import { describe, expect, it } from "vitest";
import { findPlainSecrets, secretKind } from "../../src/inventory/plain-secrets.js";

describe("secretKind", () => {
  it.each([
    ["password", "password"],
    ["enable_password", "password"],
    ["enablePassword", "password"],
    ["PASSWD", "password"],
    ["passphrase", "passphrase"],
    ["key_passphrase", "passphrase"],
    ["key", "private key"],
    ["private_key", "private key"],
    ["ssh-key", "private key"],
    ["secret", "secret"],
    ["enable_secret", "secret"],
    ["api_key", "secret"],
    ["authKey", "secret"],
    ["token", "secret"],
  ])("%s is a %s", (key, kind) => {
    expect(secretKind(key)).toBe(kind);
  });

  it.each(["password_env", "passphrase_env", "secret_env", "password_file", "identity", "username_env", "hostkey", "key_file", "monkey", "tokenizer", "primary_key_id"])(
    "%s is not a secret",
    (key) => {
      expect(secretKind(key)).toBeUndefined();
    },
  );
});

describe("findPlainSecrets", () => {
  it("walks maps and lists, stops at the first secret key of a branch, and spots pasted PEM keys", () => {
    const doc = {
      hosts: { "fw-1": { password: { nested: "x" }, vars: { list: ["ok", { token: "t" }], pem: "-----BEGIN RSA PRIVATE KEY-----\n..." } } },
    };
    expect(findPlainSecrets(doc)).toEqual([
      { path: ["hosts", "fw-1", "password"], kind: "password" },
      { path: ["hosts", "fw-1", "vars", "list", 1, "token"], kind: "secret" },
      { path: ["hosts", "fw-1", "vars", "pem"], kind: "private key" },
    ]);
  });
});
