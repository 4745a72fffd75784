// preflight's own JSON Schemas are compiled at start-up without ajv's meta-schema validation (validateSchema: false:
// compiling the meta-schema cost ~100 ms of every run's start). This test is that validation, once, here: each
// schema must be a valid draft-07 schema, and an invalid one is still caught by the same check.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { checkSchemaPath } from "../../src/checks/schema.js";
import { inventorySchema } from "../../src/inventory/schema.js";
import { UPGRADE_RULES_SCHEMA } from "../../src/platforms/paloalto_panos/upgrade/rules.js";
import { WAIVER_FILE_SCHEMA } from "../../src/waivers/load.js";

const schemas: Record<string, unknown> = {
  "checks/schema/check.schema.json": JSON.parse(readFileSync(checkSchemaPath(), "utf8")),
  "inventory (src/inventory/schema.ts)": inventorySchema,
  "PAN-OS upgrade rules (src/platforms/paloalto_panos/upgrade/rules.ts)": UPGRADE_RULES_SCHEMA,
  "waiver file (src/waivers/load.ts)": WAIVER_FILE_SCHEMA,
};

describe("preflight's own JSON Schemas", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name} is a valid draft-07 schema`, () => {
      const ajv = new Ajv({ strict: false });
      const valid = ajv.validateSchema(schema as object);
      expect(ajv.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });
  }

  it("the same check rejects a broken schema", () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema({ type: "object", properties: { a: { minLength: "three" } } })).toBe(false);
  });
});
