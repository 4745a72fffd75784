// Junos version strings (netmiko platform `juniper_junos`): parsing, a total order, the feature release.
//
// Form, as `show version` prints after "Junos:": MAJOR.MINOR TYPE NUMBER [-S|-D SPIN] [.BUILD] [-EVO]
//   19.4R1.10         release 19.4, type R (released), release 1, build 10
//   21.4R3-S5.4       release 3 of 21.4R, service release S5, build 4
//   18.4R2-S3         the same without a build
//   15.1X49-D200.5    special (X) release 15.1X49, D-release 200, build 5
//   21.1X3.3          an X release without a D number
//   22.4R3-S2.11-EVO  Junos OS Evolved
// TYPE is one capital: R released, X special, F feature velocity, S service, B beta, A alpha, I internal.
// Order: MAJOR, MINOR, TYPE (code-unit order: A < B < F < I < R < S < X; within one MAJOR.MINOR the types
// are separate lines, so this only makes the order total), NUMBER, the spin (none first, then -D before
// -S, then its number), BUILD (none first), then Evolved after plain Junos.
// So 21.4R3 < 21.4R3.13 < 21.4R3-S1 < 21.4R3-S5.4 < 21.4R4, and 15.1X49-D100 < 15.1X49-D200.5.
// A version without a build sorts before its builds: write `>=21.4R3-S5 <21.4R3-S6` for "any build of S5".
import { VersionParseError } from "../../versions/errors.js";
import { ABSENT, compareKeys, RELEASED, trainStartKey, type KeyPart, type Order } from "../../versions/key.js";

export interface JunosVersion {
  major: number;
  minor: number;
  type: string;
  number: number;
  spin?: { kind: "S" | "D"; number: number };
  build?: number;
  evolved: boolean;
  raw: string;
}

const FULL = /^(\d+)\.(\d+)([A-Z])(\d+)(?:-([SD])(\d+))?(?:\.(\d+))?(-EVO)?$/i;

export function parseJunosVersion(s: string): JunosVersion {
  const raw = s.trim();
  const m = FULL.exec(raw);
  if (!m) {
    throw new VersionParseError(s, "Junos", "expected MAJOR.MINOR, a release type letter and number, an optional -S or -D spin and an optional .BUILD, for example 21.4R3-S5.4, 19.4R1.10 or 15.1X49-D200.5");
  }
  const version: JunosVersion = { major: Number(m[1]), minor: Number(m[2]), type: (m[3] as string).toUpperCase(), number: Number(m[4]), evolved: m[8] !== undefined, raw };
  if (m[5] !== undefined) version.spin = { kind: m[5].toUpperCase() as "S" | "D", number: Number(m[6]) };
  if (m[7] !== undefined) version.build = Number(m[7]);
  return version;
}

export function compareJunosVersions(a: string, b: string): Order {
  return compareKeys(sortKey(a), sortKey(b));
}

// "21.4R3-S5.4" -> "21.4". An X release is its own line, named with its number: "15.1X49-D200.5" -> "15.1X49".
export function junosFeatureRelease(s: string): string {
  const v = parseJunosVersion(s);
  return v.type === "X" ? `${v.major}.${v.minor}X${v.number}` : `${v.major}.${v.minor}`;
}

function sortKey(s: string): KeyPart[] {
  const start = trainStartKey(s);
  if (start) return start;
  const v = parseJunosVersion(s);
  return [v.major, v.minor, RELEASED, v.type, v.number, v.spin?.kind ?? "", v.spin?.number ?? ABSENT, v.build ?? ABSENT, v.evolved ? 1 : 0];
}
