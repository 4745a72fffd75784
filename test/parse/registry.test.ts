// The parser registry, and the small parsers it exposes: key-value (on the real ntc-templates capture of
// `show system info`, compared with the maintainers' expected parse), json and text.
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { parseJson } from "../../src/parse/json.js";
import { getParser, parserNames } from "../../src/checks/parsers.js";
import { ParseError } from "../../src/parse/types.js";
import { fixture } from "../platforms/paloalto_panos/parsers/system-state-format.js";

const NTC = "paloalto_panos/show_system_info/ntc-templates__tests__paloalto_panos__show_system_info__paloalto_panos_show_system_info";

// ntc-templates' TextFSM value names -> the device's own key names.
const NTC_TO_DEVICE_KEY: Record<string, string> = {
  family: "family",
  gateway: "default-gateway",
  hostname: "hostname",
  ip_address: "ip-address",
  mac_address: "mac-address",
  model: "model",
  multi_vsys: "multi-vsys",
  netmask: "netmask",
  operational_mode: "operational-mode",
  os: "sw-version",
  platform_family: "platform-family",
  serial: "serial",
  uptime: "uptime",
  vm_license: "vm-license",
  vm_mode: "vm-mode",
  vpn_disable_mode: "vpn-disable-mode",
};

describe("parser registry", () => {
  it("names every parser a check may use", () => {
    expect(parserNames()).toEqual(["eos-config-diffs", "eos-dir", "eos-inventory", "fortios-bgp-summary", "fortios-ha-status", "fortios-performance", "fortios-transceivers", "frr-json", "json", "junos-bgp-summary", "junos-chassis-hardware", "junos-route-engines", "junos-system-storage", "key-value", "nxos-config-diff", "nxos-dir", "nxos-json", "panos-phy", "panos-system-state", "panos-xml", "regex", "table", "text", "textfsm", "xml"]);
    for (const name of parserNames()) expect(typeof getParser(name)).toBe("function");
    expect(getParser("texfsm")).toBeUndefined();
  });

  it("parses the real show system info with key-value and agrees with ntc-templates' expected values", () => {
    const parsed = getParser("key-value")?.(fixture(`${NTC}.raw`)) as Record<string, string>;
    const expected = (parseYaml(fixture(`${NTC}.yml`)) as { parsed_sample: Record<string, string>[] }).parsed_sample[0] as Record<string, string>;
    expect(Object.keys(expected).sort()).toEqual(Object.keys(NTC_TO_DEVICE_KEY).sort());
    for (const [ntcKey, value] of Object.entries(expected)) expect(parsed[NTC_TO_DEVICE_KEY[ntcKey] as string], ntcKey).toBe(value);
    // Values with colons and spaces survive; an empty value is kept as "".
    expect(parsed["ipv6-link-local-address"]).toBe("fe80::20c:29ff:fe6d:c67e/64");
    expect(parsed.time).toBe("Thu Apr 28 06:33:12 2016");
    expect(parsed["ipv6-default-gateway"]).toBe("");
  });

  it("chains panos-xml -> panos-system-state on a real capture", () => {
    const text = getParser("panos-xml")?.(
      fixture("paloalto_panos/show_system_state_filter_sw.dev.interface.config/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_interfaces_mtu__L2966-2972.xml"),
    ) as string;
    const state = getParser("panos-system-state")?.(text) as Record<string, Record<string, { mtu?: number }>>;
    expect(state["sw.dev.interface.config"]?.["ethernet1/2"]?.mtu).toBe(1200);
  });

  it("text returns the output unchanged, and rejects an empty one", () => {
    const text = getParser("text") as (raw: string) => unknown;
    expect(text("  Partition  State\nsysroot0 RUNNING\n")).toBe("  Partition  State\nsysroot0 RUNNING\n");
    expect(() => text("")).toThrow(ParseError);
    expect(() => text(" \r\n ")).toThrow(/output is empty/);
  });
});

describe("json", () => {
  it("parses JSON", () => {
    expect(parseJson('{"a": [1, "x", null]}')).toEqual({ a: [1, "x", null] });
  });

  // Node 20's V8 does not say where the error is; newer ones add "at position N (line L column C)".
  it("rejects invalid JSON with V8's reason, and the line when it is known", () => {
    expect(() => parseJson("[1,]")).toThrow(/^line 1: invalid JSON: Unexpected token/);
    let error: unknown;
    try {
      parseJson('{\n  "a": 1,\n  "b": }\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toMatch(/invalid JSON: Unexpected token '}'/);
    expect([undefined, 3]).toContain((error as ParseError).line);
  });

  it("rejects empty output", () => {
    expect(() => parseJson("\n")).toThrow(/output is empty/);
  });
});
