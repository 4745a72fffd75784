// The JMESPath function `x509(pem)`: what a check needs to know about one X.509 certificate (key type and size,
// curve, signature algorithm and its hash, validity end, subject, issuer), read with Node's crypto.X509Certificate.
//
// Node 20 does not expose a certificate's signature algorithm, so it is read here with a small DER walk to the
// outer `signatureAlgorithm` of the Certificate (RFC 5280 §4.1.1.2), then mapped from its OID.
//
// Contract:
// - a string holding exactly one PEM certificate (`-----BEGIN CERTIFICATE-----` ... `-----END CERTIFICATE-----`;
//   surrounding text, indentation and CRLF are tolerated) gives an object (see X509Info);
// - null gives null, so a missing value is the engine's `missing` (an error unless the check says otherwise);
// - anything else that is a string (no PEM block, several blocks, bad base64, a DER structure that is not a
//   certificate, a certificate OpenSSL cannot read) THROWS with a message starting with `x509():`. The engine
//   turns that into an `error` result, never a pass.
import { X509Certificate } from "node:crypto";
import jmespath, { TYPE_NULL, TYPE_STRING, type JSONObject, type JSONValue } from "@jmespath-community/jmespath";

export interface X509Info {
  /** Node's asymmetricKeyType: "rsa", "rsa-pss", "ec", "ed25519", "ed448", "dsa", ... */
  key_type: string;
  /** RSA/DSA modulus length; EC field size of the named curve (256, 384, 521); 256 for Ed25519, 456 for Ed448. Null when unknown. */
  key_bits: number | null;
  /** EC only: the OpenSSL curve name (prime256v1, secp384r1, ...). */
  curve?: string;
  /** OpenSSL's name for the signature algorithm (sha256WithRSAEncryption, ecdsa-with-SHA256, ED25519, ...), or the dotted OID when unknown. */
  signature_algorithm: string;
  /** The signature's hash, lower case (md5, sha1, sha256, ...); null when the algorithm is unknown. */
  signature_hash: string | null;
  /** End of validity, ISO 8601 (UTC). */
  not_after: string;
  not_before: string;
  /** Distinguished names as "O=Example Corp, CN=host". */
  subject: string;
  issuer: string;
  serial_number: string;
}

const HASH_OIDS: Record<string, string> = {
  "1.2.840.113549.2.2": "md2",
  "1.2.840.113549.2.5": "md5",
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

const RSASSA_PSS = "1.2.840.113549.1.1.10";

/** Signature algorithm OIDs -> [OpenSSL name, hash]. */
const SIGNATURE_OIDS: Record<string, [string, string]> = {
  "1.2.840.113549.1.1.2": ["md2WithRSAEncryption", "md2"],
  "1.2.840.113549.1.1.3": ["md4WithRSAEncryption", "md4"],
  "1.2.840.113549.1.1.4": ["md5WithRSAEncryption", "md5"],
  "1.2.840.113549.1.1.5": ["sha1WithRSAEncryption", "sha1"],
  "1.2.840.113549.1.1.14": ["sha224WithRSAEncryption", "sha224"],
  "1.2.840.113549.1.1.11": ["sha256WithRSAEncryption", "sha256"],
  "1.2.840.113549.1.1.12": ["sha384WithRSAEncryption", "sha384"],
  "1.2.840.113549.1.1.13": ["sha512WithRSAEncryption", "sha512"],
  "1.2.840.10045.4.1": ["ecdsa-with-SHA1", "sha1"],
  "1.2.840.10045.4.3.1": ["ecdsa-with-SHA224", "sha224"],
  "1.2.840.10045.4.3.2": ["ecdsa-with-SHA256", "sha256"],
  "1.2.840.10045.4.3.3": ["ecdsa-with-SHA384", "sha384"],
  "1.2.840.10045.4.3.4": ["ecdsa-with-SHA512", "sha512"],
  "1.2.840.10040.4.3": ["dsa-with-SHA1", "sha1"],
  "2.16.840.1.101.3.4.3.1": ["dsa-with-SHA224", "sha224"],
  "2.16.840.1.101.3.4.3.2": ["dsa-with-SHA256", "sha256"],
  // EdDSA has its hash built in (RFC 8032): SHA-512 for Ed25519, SHAKE256 for Ed448.
  "1.3.101.112": ["ED25519", "sha512"],
  "1.3.101.113": ["ED448", "shake256"],
};

/** Field size in bits of the named curves OpenSSL reports. */
const CURVE_BITS: Record<string, number> = {
  prime192v1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

const PEM_BLOCK = /-----BEGIN (?:X509 )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 )?CERTIFICATE-----/g;

function fail(message: string): never {
  throw new Error(`x509(): ${message}`);
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}...` : flat);
}

/** The DER bytes of the one certificate in `pem`. */
function pemToDer(pem: string): Buffer {
  const blocks = [...pem.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) fail(`not a PEM certificate (no -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE----- block): ${preview(pem)}`);
  if (blocks.length > 1) fail(`expected one PEM certificate, found ${blocks.length}`);
  const body = (blocks[0]?.[1] ?? "").replace(/\s+/g, "");
  if (body === "") fail("the PEM certificate block is empty");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 === 1) fail("the PEM certificate block is not valid base64");
  return Buffer.from(body, "base64");
}

interface Tlv {
  tag: number;
  /** Offset of the content. */
  start: number;
  /** Offset just past the content. */
  end: number;
}

/** One DER tag-length-value at `offset`, within `limit`. Definite lengths only (DER has no other). */
function readTlv(der: Buffer, offset: number, limit: number, what: string): Tlv {
  if (offset + 2 > limit) fail(`the certificate's DER ends inside ${what}`);
  const tag = der[offset] as number;
  const first = der[offset + 1] as number;
  let length: number;
  let start = offset + 2;
  if (first < 0x80) length = first;
  else {
    const count = first & 0x7f;
    if (count === 0 || count > 4) fail(`unsupported DER length in ${what}`);
    if (start + count > limit) fail(`the certificate's DER ends inside ${what}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] as number);
    start += count;
  }
  const end = start + length;
  if (end > limit) fail(`the certificate's DER ends inside ${what} (${length} bytes announced, ${limit - start} present)`);
  return { tag, start, end };
}

function expectTag(tlv: Tlv, tag: number, what: string): Tlv {
  if (tlv.tag !== tag) fail(`expected ${what} (DER tag 0x${tag.toString(16)}), found tag 0x${tlv.tag.toString(16)}`);
  return tlv;
}

function decodeOid(der: Buffer, tlv: Tlv): string {
  if (tlv.end === tlv.start) fail("empty OBJECT IDENTIFIER");
  const arcs: number[] = [];
  let value = 0;
  for (let i = tlv.start; i < tlv.end; i++) {
    const byte = der[i] as number;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = Math.min(Math.floor(value / 40), 2);
        arcs.push(first, value - first * 40);
      } else arcs.push(value);
      value = 0;
    }
  }
  if ((der[tlv.end - 1] as number) & 0x80) fail("truncated OBJECT IDENTIFIER");
  return arcs.join(".");
}

/** The hash of RSASSA-PSS parameters (RFC 4055 §3.1): `[0] hashAlgorithm`, default SHA-1. */
function pssHash(der: Buffer, params: Tlv | undefined): string | null {
  if (!params || params.tag === 0x05) return "sha1";
  expectTag(params, 0x30, "RSASSA-PSS-params SEQUENCE");
  if (params.start === params.end) return "sha1";
  const first = readTlv(der, params.start, params.end, "RSASSA-PSS-params");
  if (first.tag !== 0xa0) return "sha1";
  const algorithm = expectTag(readTlv(der, first.start, first.end, "the PSS hash algorithm"), 0x30, "the PSS hash AlgorithmIdentifier");
  const oid = expectTag(readTlv(der, algorithm.start, algorithm.end, "the PSS hash OID"), 0x06, "the PSS hash OID");
  return HASH_OIDS[decodeOid(der, oid)] ?? null;
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING } */
function signatureAlgorithm(der: Buffer): { name: string; hash: string | null } {
  const certificate = expectTag(readTlv(der, 0, der.length, "the Certificate"), 0x30, "the Certificate SEQUENCE");
  if (certificate.end !== der.length) fail(`${der.length - certificate.end} bytes of garbage after the certificate`);
  const tbs = expectTag(readTlv(der, certificate.start, certificate.end, "tbsCertificate"), 0x30, "the tbsCertificate SEQUENCE");
  const algorithm = expectTag(readTlv(der, tbs.end, certificate.end, "signatureAlgorithm"), 0x30, "the signatureAlgorithm SEQUENCE");
  const oidTlv = expectTag(readTlv(der, algorithm.start, algorithm.end, "the signature algorithm OID"), 0x06, "the signature algorithm OID");
  const params = oidTlv.end < algorithm.end ? readTlv(der, oidTlv.end, algorithm.end, "the signature algorithm parameters") : undefined;
  const oid = decodeOid(der, oidTlv);
  if (oid === RSASSA_PSS) return { name: "rsassaPss", hash: pssHash(der, params) };
  const known = SIGNATURE_OIDS[oid];
  return known ? { name: known[0], hash: known[1] } : { name: oid, hash: null };
}

function distinguishedName(text: string): string {
  return text.split("\n").map((part) => part.trim()).filter((part) => part !== "").join(", ");
}

function isoDate(text: string, what: string): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) fail(`cannot read the ${what} date "${text}"`);
  return date.toISOString();
}

/** Reads one PEM certificate; throws `x509(): ...` when it cannot. */
export function readX509(pem: string): X509Info {
  const der = pemToDer(pem);
  const signature = signatureAlgorithm(der);
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch (err) {
    fail(`cannot read the certificate: ${(err as Error).message}`);
  }
  const key = cert.publicKey;
  const keyType = key.asymmetricKeyType ?? "unknown";
  const details = key.asymmetricKeyDetails ?? {};
  let keyBits: number | null = null;
  let curve: string | undefined;
  if (keyType === "ec") {
    curve = details.namedCurve;
    keyBits = curve === undefined ? null : CURVE_BITS[curve] ?? null;
  } else if (keyType === "ed25519") keyBits = 256;
  else if (keyType === "ed448") keyBits = 456;
  else if (typeof details.modulusLength === "number") keyBits = details.modulusLength;
  return {
    key_type: keyType,
    key_bits: keyBits,
    ...(curve !== undefined ? { curve } : {}),
    signature_algorithm: signature.name,
    signature_hash: signature.hash,
    not_after: isoDate(cert.validTo, "not-after"),
    not_before: isoDate(cert.validFrom, "not-before"),
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    serial_number: cert.serialNumber,
  };
}

// A check reads the same certificate several times (each condition and the message call x509() again), and a
// fleet shares certificates (one CA on every firewall): results are kept, a bounded number of them.
const CACHE_LIMIT = 1024;
const cache = new Map<string, X509Info>();

function cachedX509(pem: string): X509Info {
  const hit = cache.get(pem);
  if (hit) return hit;
  const info = readX509(pem);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pem, info);
  return info;
}

jmespath.registerFunction(
  "x509",
  (args) => {
    const [pem] = args as [string | null];
    if (pem === null) return null;
    return { ...cachedX509(pem) } as unknown as JSONObject as JSONValue;
  },
  [{ types: [TYPE_STRING, TYPE_NULL] }],
  { override: true },
);
