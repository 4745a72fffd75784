// The PAN-OS upgrade rules (checks/paloalto_panos/data/upgrade-paths.yaml): read once, checked against a JSON Schema with
// ajv and then for meaning (releases in order, bases inside their train, source ids that exist), every problem
// reported at its file:line:col before any path is planned from the data.
import { readFile } from "node:fs/promises";
import { Ajv, type ErrorObject } from "ajv";
import { formatKeyPath } from "../../../inventory/key-path.js";
import { InputError, type Diagnostic } from "../../../util/diagnostics.js";
import { didYouMeanHint } from "../../../util/did-you-mean.js";
import { packagePath } from "../../../util/package-root.js";
import { diagnosticAt, parseYamlSource, type KeyPath, type YamlSource } from "../../../util/yaml-source.js";
import { comparePanosVersions, featureRelease, isPanosVersion } from "../version.js";

export interface PathSource {
  id: string;
  title: string;
  url: string;
  retrieved: string;
  notes: string;
}

export interface PathRule {
  id: string;
  text: string;
  /** Ids of entries in `UpgradeRules.sources`. */
  sources: string[];
}

export interface SkipRule extends PathRule {
  /** The device must run this feature release or a later one to skip. */
  fromRelease: string;
  /** The release being installed must be this feature release or a later one. */
  toRelease: string;
  maxSkipped: number;
}

export type BaseConfidence = "reported" | "unverified";

export interface FeatureReleaseInfo {
  release: string;
  base: string;
  baseConfidence: BaseConfidence;
  baseSources: string[];
  latestKnown?: string;
  notes?: string;
}

export interface UpgradeRules {
  file: string;
  sources: ReadonlyMap<string, PathSource>;
  rules: {
    sequential: PathRule;
    skip: SkipRule;
    sameTrain: PathRule;
    baseDownload: PathRule;
    maintenance: PathRule;
    ha: PathRule;
  };
  latestKnownSource: string;
  /** Oldest first. */
  releases: readonly FeatureReleaseInfo[];
}

export function defaultUpgradeRulesFile(): string {
  return packagePath("checks", "paloalto_panos", "data", "upgrade-paths.yaml");
}

export function ruleById(rules: UpgradeRules, id: string): PathRule | undefined {
  return Object.values(rules.rules).find((r) => r.id === id);
}

const cache = new Map<string, Promise<UpgradeRules>>();

/** Reads and checks the rules once per file; rejects with an InputError carrying every problem. */
export function loadUpgradeRules(file: string = defaultUpgradeRulesFile()): Promise<UpgradeRules> {
  let pending = cache.get(file);
  if (!pending) {
    pending = readRules(file);
    cache.set(file, pending);
  }
  return pending;
}

async function readRules(file: string): Promise<UpgradeRules> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new InputError([{ file, line: 0, col: 0, message: `cannot read the upgrade-path data: ${(err as Error).message}` }]);
  }
  const { rules, diagnostics } = parseUpgradeRules(text, file);
  if (!rules) throw new InputError(diagnostics);
  return rules;
}

/** Pure: the rules, or every problem found in `text`. */
export function parseUpgradeRules(text: string, file: string): { rules?: UpgradeRules; diagnostics: Diagnostic[] } {
  const src = parseYamlSource(text, file);
  if (src.diagnostics.length) return { diagnostics: src.diagnostics };
  if (!validate(src.value)) {
    return { diagnostics: (validate.errors ?? []).map((e) => schemaDiagnostic(src, e)) };
  }
  const raw = src.value as RawRules;
  const diagnostics = meaningDiagnostics(src, raw);
  if (diagnostics.length) return { diagnostics };
  return { rules: toRules(file, raw), diagnostics: [] };
}

// ---- schema ----

interface RawRule {
  id: string;
  text: string;
  sources: string[];
}
interface RawRules {
  sources: PathSource[];
  rules: {
    sequential: RawRule;
    skip: RawRule & { from_release: string; to_release: string; max_skipped: number };
    same_train: RawRule;
    base_download: RawRule;
    maintenance: RawRule;
    ha: RawRule;
  };
  latest_known_source: string;
  feature_releases: Array<{
    release: string;
    base: string;
    base_confidence: BaseConfidence;
    base_sources?: string[];
    latest_known?: string;
    notes?: string;
  }>;
}

const ID = { type: "string", pattern: "^[a-z0-9][a-z0-9.-]*$" };
const TEXT = { type: "string", minLength: 1 };
const RELEASE = { type: "string", pattern: "^\\d+\\.\\d+$" };
const IDS = { type: "array", minItems: 1, items: ID };

function ruleSchema(extra: Record<string, object> = {}): object {
  return {
    type: "object",
    additionalProperties: false,
    required: ["id", "text", "sources", ...Object.keys(extra)],
    properties: { id: ID, text: TEXT, sources: IDS, ...extra },
  };
}

export const UPGRADE_RULES_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["sources", "rules", "latest_known_source", "feature_releases"],
  properties: {
    sources: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "title", "url", "retrieved", "notes"],
        properties: {
          id: ID,
          title: TEXT,
          url: { type: "string", pattern: "^https?://" },
          retrieved: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
          notes: TEXT,
        },
      },
    },
    rules: {
      type: "object",
      additionalProperties: false,
      required: ["sequential", "skip", "same_train", "base_download", "maintenance", "ha"],
      properties: {
        sequential: ruleSchema(),
        skip: ruleSchema({ from_release: RELEASE, to_release: RELEASE, max_skipped: { type: "integer", minimum: 0 } }),
        same_train: ruleSchema(),
        base_download: ruleSchema(),
        maintenance: ruleSchema(),
        ha: ruleSchema(),
      },
    },
    latest_known_source: ID,
    feature_releases: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["release", "base", "base_confidence"],
        properties: {
          release: RELEASE,
          base: TEXT,
          base_confidence: { enum: ["reported", "unverified"] },
          base_sources: IDS,
          latest_known: TEXT,
          notes: TEXT,
        },
      },
    },
  },
};

// Compiled once per process; verbose gives each error its data and parent schema. Our own schema: checked against the
// meta-schema by test/util/internal-schemas.test.ts, not at every start-up (validateSchema: false).
const validate = new Ajv({ allErrors: true, verbose: true, strict: true, validateSchema: false }).compile<RawRules>(UPGRADE_RULES_SCHEMA);

const PATTERN_SENTENCES: Record<string, string> = {
  [ID.pattern]: "expected an id of lower-case letters, digits, dots and dashes",
  [RELEASE.pattern]: 'expected a feature release such as "10.2"',
  "^https?://": "expected an http(s) URL",
  "^\\d{4}-\\d{2}-\\d{2}$": "expected a date as YYYY-MM-DD",
};

function schemaDiagnostic(src: YamlSource, e: ErrorObject): Diagnostic {
  const path: Array<string | number> = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let sentence: string;
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      const allowed = Object.keys((e.parentSchema?.properties ?? {}) as Record<string, unknown>);
      path.push(key);
      sentence = `unknown key "${key}"${didYouMeanHint(key, allowed)}; expected one of: ${allowed.join(", ")}`;
      break;
    }
    case "required":
      sentence = `missing key "${String(e.params.missingProperty)}"`;
      break;
    case "type":
      sentence = `expected ${String(e.params.type)}, found ${describe(e.data)}`;
      if (typeof e.data === "number") sentence += `: quote it ("${String(e.data)}"), YAML reads 10.0 as the number 10`;
      break;
    case "pattern":
      sentence = `${PATTERN_SENTENCES[String(e.params.pattern)] ?? `expected to match ${String(e.params.pattern)}`}, found ${JSON.stringify(e.data)}`;
      break;
    case "enum":
      sentence = `expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, found ${JSON.stringify(e.data)}`;
      break;
    default:
      sentence = e.message ?? `is invalid (${e.keyword})`;
  }
  return diagnosticAt(src, path, `${formatKeyPath(path)}: ${sentence}`, e.keyword === "additionalProperties" ? "key" : "value");
}

function describe(data: unknown): string {
  if (data === null || data === undefined) return "nothing";
  if (Array.isArray(data)) return "a list";
  return typeof data === "object" ? "a mapping" : `the ${typeof data} ${JSON.stringify(data)}`;
}

// ---- meaning ----

const RULE_KEYS = ["sequential", "skip", "same_train", "base_download", "maintenance", "ha"] as const;

function meaningDiagnostics(src: YamlSource, raw: RawRules): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: KeyPath, message: string) => out.push(diagnosticAt(src, path, `${formatKeyPath(path)}: ${message}`));

  const sourceIds = new Set<string>();
  raw.sources.forEach((s, i) => {
    if (sourceIds.has(s.id)) at(["sources", i, "id"], `duplicate source id "${s.id}"`);
    sourceIds.add(s.id);
  });
  const checkSourceRef = (path: KeyPath, id: string) => {
    if (!sourceIds.has(id)) at(path, `no source has the id "${id}"${didYouMeanHint(id, [...sourceIds])}`);
  };

  const ruleIds = new Set<string>();
  for (const key of RULE_KEYS) {
    const rule = raw.rules[key];
    if (ruleIds.has(rule.id)) at(["rules", key, "id"], `duplicate rule id "${rule.id}"`);
    ruleIds.add(rule.id);
    rule.sources.forEach((id, i) => checkSourceRef(["rules", key, "sources", i], id));
  }
  checkSourceRef(["latest_known_source"], raw.latest_known_source);

  const releases = raw.feature_releases.map((r) => r.release);
  raw.feature_releases.forEach((r, i) => {
    const previous = releases[i - 1];
    if (previous !== undefined && comparePanosVersions(previous, r.release) >= 0) {
      at(["feature_releases", i, "release"], `"${r.release}" must come after "${previous}": list feature releases oldest first, once each`);
    }
    versionInTrain(["feature_releases", i, "base"], r.base, r.release, at);
    if (r.latest_known !== undefined && versionInTrain(["feature_releases", i, "latest_known"], r.latest_known, r.release, at)) {
      if (isPanosVersion(r.base) && comparePanosVersions(r.latest_known, r.base) < 0) {
        at(["feature_releases", i, "latest_known"], `${r.latest_known} is older than the base image ${r.base}`);
      }
    }
    if (r.base_confidence === "reported" && !r.base_sources) {
      at(["feature_releases", i, "base_confidence"], '"reported" needs base_sources naming the sources that report the base image');
    }
    r.base_sources?.forEach((id, j) => checkSourceRef(["feature_releases", i, "base_sources", j], id));
  });

  for (const key of ["from_release", "to_release"] as const) {
    const release = raw.rules.skip[key];
    if (!releases.includes(release)) at(["rules", "skip", key], `"${release}" is not one of the feature_releases (${releases.join(", ")})`);
  }
  return out;
}

/** True when `version` is a PAN-OS version of feature release `release`; reports it otherwise. */
function versionInTrain(path: KeyPath, version: string, release: string, at: (path: KeyPath, message: string) => void): boolean {
  if (!isPanosVersion(version)) {
    at(path, `"${version}" is not a PAN-OS version (expected MAJOR.MINOR.PATCH with an optional -hN, e.g. 10.2.4-h4)`);
    return false;
  }
  if (featureRelease(version) !== release) {
    at(path, `${version} belongs to feature release ${featureRelease(version)}, not ${release}`);
    return false;
  }
  return true;
}

function toRules(file: string, raw: RawRules): UpgradeRules {
  const rule = (r: RawRule): PathRule => ({ id: r.id, text: r.text, sources: [...r.sources] });
  const { skip } = raw.rules;
  return {
    file,
    sources: new Map(raw.sources.map((s) => [s.id, { ...s }])),
    rules: {
      sequential: rule(raw.rules.sequential),
      skip: { ...rule(skip), fromRelease: skip.from_release, toRelease: skip.to_release, maxSkipped: skip.max_skipped },
      sameTrain: rule(raw.rules.same_train),
      baseDownload: rule(raw.rules.base_download),
      maintenance: rule(raw.rules.maintenance),
      ha: rule(raw.rules.ha),
    },
    latestKnownSource: raw.latest_known_source,
    releases: raw.feature_releases.map((r) => ({
      release: r.release,
      base: r.base,
      baseConfidence: r.base_confidence,
      baseSources: r.base_sources ? [...r.base_sources] : [],
      ...(r.latest_known !== undefined ? { latestKnown: r.latest_known } : {}),
      ...(r.notes !== undefined ? { notes: r.notes } : {}),
    })),
  };
}
