// JSON Schema of the YAML inventory (docs/inventory.md describes it for users). The schema catches shapes and
// types; references between sections, cycles and secrets are checked in yaml-inventory.ts, where the whole file is known.

const name = { type: "string", minLength: 1 } as const;
const names = { type: "array", items: name } as const;
const version = { type: "string", minLength: 1 } as const;
const envName = { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" } as const;

/** Keys that defaults, groups and hosts share: a host inherits each of them. */
const inheritable = {
  platform: name,
  port: { type: "integer", minimum: 1, maximum: 65535 },
  credentials: name,
  target_version: version,
  upgrade_path: { type: "array", minItems: 1, items: version },
  tags: names,
  vars: { type: "object" },
  /** Opt-in legacy SSH algorithms for old devices (docs/transport.md). */
  legacy_algorithms: names,
  /** Jump hosts, ProxyJump syntax: "[user@]host[:port][,...]" outermost first, or "none" (docs/transport.md). */
  jump: name,
  /** Where the device sits, for queue workers (docs/scale-out.md): a worker serves only the sites it is given. */
  site: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$" },
} as const;

/** An entry may be left empty (`fw-001:`) to take everything from its groups and defaults. */
function entry(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: ["object", "null"], additionalProperties: false, properties };
}

export const inventorySchema = {
  type: "object",
  additionalProperties: false,
  required: ["hosts"],
  properties: {
    /** The run's reference data folder (as --data-dir, which wins), relative to the inventory file. Run-wide. */
    data_dir: name,
    defaults: entry(inheritable),
    credentials: {
      type: "object",
      additionalProperties: entry({
        username_env: envName,
        password_env: envName,
        passphrase_env: envName,
        identity: name,
        agent: { type: "boolean" },
      }),
    },
    groups: { type: "object", additionalProperties: entry({ ...inheritable, groups: names }) },
    hosts: { type: "object", additionalProperties: entry({ host: name, ...inheritable, groups: names }) },
  },
} as const;

/** Keys whose value is a release name: YAML reads an unquoted 10.2 as a number, which deserves its own hint. */
export const VERSION_KEYS: ReadonlySet<string> = new Set(["target_version", "upgrade_path"]);
