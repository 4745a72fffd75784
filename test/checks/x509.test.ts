// The x509(pem) JMESPath function: key type and size, curve, signature algorithm and hash (from a DER walk to the
// certificate's signatureAlgorithm), validity, names; null for null; a clear `x509():` error for anything it
// cannot read. The certificates were generated with openssl for these tests (fixtures/README.md).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateExpression } from "../../src/checks/expression.js";
import { readX509 } from "../../src/checks/functions/x509.js";

const pem = (name: string): string =>
  readFileSync(new URL(`../../fixtures/paloalto_panos/show_config_running_certificates/written-by-preflight__${name}.pem`, import.meta.url), "utf8");

const x509 = (value: unknown): unknown => evaluateExpression("x509(@)", value, {});

describe("x509(pem)", () => {
  it("reads an RSA 1024 certificate signed with SHA-1", () => {
    expect(x509(pem("rsa1024-sha1"))).toEqual({
      key_type: "rsa",
      key_bits: 1024,
      signature_algorithm: "sha1WithRSAEncryption",
      signature_hash: "sha1",
      not_after: "2036-11-19T07:02:50.000Z",
      not_before: "2026-11-22T07:02:50.000Z",
      subject: "CN=fw-mgmt-legacy",
      issuer: "CN=fw-mgmt-legacy",
      serial_number: "03B6CBDB09B4A6E6FE18765D18BA4644F5DC01B3",
    });
  });

  it("reads an RSA 2048 SHA-256 certificate issued by a CA (subject and issuer differ)", () => {
    expect(x509(pem("rsa2048-sha256"))).toMatchObject({
      key_type: "rsa",
      key_bits: 2048,
      signature_algorithm: "sha256WithRSAEncryption",
      signature_hash: "sha256",
      subject: "O=Example Corp, CN=gp.example.com",
      issuer: "O=Example Corp, CN=Example Corp Root CA",
      not_after: "2029-02-24T07:02:50.000Z",
    });
  });

  it("reads EC certificates: curve, field size, ECDSA signature", () => {
    const p256 = x509(pem("ec-p256-sha256"));
    expect(p256).toMatchObject({ key_type: "ec", key_bits: 256, curve: "prime256v1", signature_algorithm: "ecdsa-with-SHA256", signature_hash: "sha256" });
    expect(x509(pem("ec-p384-sha384"))).toMatchObject({ key_type: "ec", key_bits: 384, curve: "secp384r1", signature_algorithm: "ecdsa-with-SHA384", signature_hash: "sha384" });
    expect(x509(pem("ec-p224-sha256"))).toMatchObject({ key_type: "ec", key_bits: 224, curve: "secp224r1" });
  });

  it("reports the certificate's own key and its issuer's signature separately (EC key, RSA signature)", () => {
    expect(x509(pem("ec-p256-signed-by-rsa-root"))).toMatchObject({ key_type: "ec", key_bits: 256, signature_algorithm: "sha256WithRSAEncryption", signature_hash: "sha256" });
  });

  it("reads MD5, RSASSA-PSS (hash from its parameters) and Ed25519 signatures", () => {
    expect(x509(pem("rsa4096-md5"))).toMatchObject({ key_type: "rsa", key_bits: 4096, signature_algorithm: "md5WithRSAEncryption", signature_hash: "md5" });
    expect(x509(pem("rsa2048-pss-sha256"))).toMatchObject({ key_type: "rsa", key_bits: 2048, signature_algorithm: "rsassaPss", signature_hash: "sha256" });
    expect(x509(pem("ed25519"))).toMatchObject({ key_type: "ed25519", key_bits: 256, signature_algorithm: "ED25519", signature_hash: "sha512" });
  });

  it("has no curve for non-EC keys", () => {
    expect(x509(pem("rsa2048-sha256"))).not.toHaveProperty("curve");
  });

  it("tolerates the layout of configuration output: indentation, CRLF, text around the block", () => {
    const indented = pem("rsa2048-sha256").split("\n").map((line) => `      ${line}`).join("\r\n");
    expect(x509(`cert:\r\n${indented}\r\n(end)`)).toEqual(x509(pem("rsa2048-sha256")));
  });

  it("is usable in paths: x509(pem).key_bits", () => {
    expect(evaluateExpression("x509(pem).key_bits", { pem: pem("rsa1024-sha1") }, {})).toBe(1024);
    expect(evaluateExpression("[].x509(@).signature_hash", [pem("rsa1024-sha1"), pem("ec-p256-sha256")], {})).toEqual(["sha1", "sha256"]);
  });

  it("gives null for null (a missing <public-key> is the engine's missing data, not a value)", () => {
    expect(x509(null)).toBeNull();
    expect(evaluateExpression("x509(pem).key_bits", {}, {})).toBeNull();
  });

  it("throws a clear error for a placeholder with no PEM block (pan-os-upgrade-assurance's stub)", () => {
    expect(() => x509("public-key-data")).toThrow('x509(): not a PEM certificate (no -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE----- block): "public-key-data"');
  });

  it("throws for random bytes inside a PEM armour", () => {
    expect(() => x509(pem("garbage"))).toThrow(/^x509\(\): /);
  });

  it("throws for a truncated certificate, saying how much is missing", () => {
    expect(() => x509(pem("truncated"))).toThrow("x509(): the certificate's DER ends inside the Certificate (1005 bytes announced, 428 present)");
  });

  it("throws for a block that is not base64, an empty block and a certificate followed by garbage", () => {
    expect(() => x509("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----")).toThrow("x509(): the PEM certificate block is not valid base64");
    expect(() => x509("-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----")).toThrow("x509(): the PEM certificate block is empty");
    const der = Buffer.concat([Buffer.from(pem("rsa1024-sha1").replace(/-----[A-Z ]+-----|\s/g, ""), "base64"), Buffer.from([0, 0])]);
    expect(() => x509(`-----BEGIN CERTIFICATE-----\n${der.toString("base64")}\n-----END CERTIFICATE-----`)).toThrow("x509(): 2 bytes of garbage after the certificate");
  });

  it("throws for a DER structure that is not a certificate (an EC public key wrapped as a certificate)", () => {
    // A SubjectPublicKeyInfo is a SEQUENCE of SEQUENCE + BIT STRING: the walk finds no signatureAlgorithm SEQUENCE.
    const spki = Buffer.from("3059301306072a8648ce3d020106082a8648ce3d030107034200" + "04" + "11".repeat(64), "hex");
    expect(() => x509(`-----BEGIN CERTIFICATE-----\n${spki.toString("base64")}\n-----END CERTIFICATE-----`)).toThrow(/^x509\(\): expected the signatureAlgorithm SEQUENCE/);
  });

  it("refuses several certificates in one value rather than pick one", () => {
    expect(() => x509(pem("rsa1024-sha1") + pem("ec-p256-sha256"))).toThrow("x509(): expected one PEM certificate, found 2");
  });

  it("refuses a value that is not a string or null (JMESPath type error)", () => {
    expect(() => evaluateExpression("x509(`5`)", null, {})).toThrow(/x509\(\) expected argument 1 to be type \(string \| null\)/);
  });

  it("readX509 is the same reader without JMESPath", () => {
    expect(readX509(pem("ec-p256-sha256"))).toEqual(x509(pem("ec-p256-sha256")));
  });
});
