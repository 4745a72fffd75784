// The panos-xml parser on real PAN-OS XML API captures (napalm-panos, pan-os-upgrade-assurance).
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../../src/parse/types.js";
import { parsePanosXmlResponse as parseXml } from "../../../../src/platforms/paloalto_panos/parsers/xml-response.js";
import { fixture } from "./system-state-format.js";

const INFO = "paloalto_panos/show_system_info";

describe("panos-xml", () => {
  it("returns <result> of napalm-panos' show system info as plain strings, without number guessing", () => {
    const result = parseXml(fixture(`${INFO}/napalm-panos__test__unit__mocked_data__test_get_facts__normal___show__system__info___info___system___show_.xml`)) as {
      system: Record<string, string>;
    };
    expect(result.system).toMatchObject({
      hostname: "pa1",
      model: "PA-VM",
      "sw-version": "7.0.1",
      "vm-mac-count": "255",
      "url-filtering-version": "0000.00.00.000",
      "ipv6-default-gateway": "",
      time: "Sun May  8 02:03:23 2016",
      "logdb-version": "7.0.9",
    });
  });

  it("reads pan-os-upgrade-assurance's PA-7050 capture, trimming the newline inside <time>", () => {
    const result = parseXml(fixture(`${INFO}/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_device_software_version__L2268-2315.xml`)) as {
      system: Record<string, string>;
    };
    expect(result.system["sw-version"]).toBe("9.1.12-h3");
    expect(result.system.model).toBe("PA-7050");
    expect(result.system.time).toBe("Sun Dec  3 18:27:29 2023");
  });

  it("makes <entry> a list with @-prefixed attributes, even when there is one entry", () => {
    const result = parseXml(fixture(`${INFO}/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_content_db_version__L1260-1283.xml`)) as {
      system: { plugin_versions: { entry: unknown[] }; "app-version": string };
    };
    expect(result.system["app-version"]).toBe("8556-7343");
    expect(result.system.plugin_versions.entry).toEqual([
      { "@name": "vm_series", "@version": "3.0.2", pkginfo: "vm_series-3.0.2" },
      { "@name": "dlp", "@version": "3.0.1", pkginfo: "dlp-3.0.1-c9" },
    ]);
    const single = parseXml('<response status="success"><result><list><entry name="only"/></list></result></response>');
    expect(single).toEqual({ list: { entry: [{ "@name": "only" }] } });
  });

  it("reads the software check list (request system software check)", () => {
    const result = parseXml(
      fixture("paloalto_panos/request_system_software_check/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_available_image_data__L1433-1471.xml"),
    ) as { "sw-updates": { versions: { entry: { version: string; downloaded: string }[] } } };
    expect(result["sw-updates"].versions.entry.map((e) => [e.version, e.downloaded])).toEqual([
      ["11.0.1", "no"],
      ["11.0.0", "no"],
    ]);
  });

  it("returns a text-only result (system-state CDATA) as a string", () => {
    const result = parseXml(
      fixture("paloalto_panos/show_system_state_filter_sw.dev.interface.config/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_interfaces_mtu__L2966-2972.xml"),
    );
    expect(typeof result).toBe("string");
    expect(result).toMatch(/^\s*sw\.dev\.interface\.config: \{ 'TCI'/);
  });

  // Error responses below are written by us after the PAN-OS XML API documentation's error format.
  it.each([
    ['<response status="error" code="17"><msg><line><![CDATA[ show -> system is unexpected]]></line></msg></response>', "device returned an error: show -> system is unexpected"],
    ['<response status="error"><msg><line>Invalid syntax.</line><line>Check the command.</line></msg></response>', "device returned an error: Invalid syntax. Check the command."],
    ['<response status="error"><result><msg>Object doesn\'t exist</msg></result></response>', "device returned an error: Object doesn't exist"],
    ['<response status="error"/>', "device returned an error: (no message)"],
  ])("turns status=error into a ParseError with the device's message", (raw, message) => {
    expect(() => parseXml(raw)).toThrow(new ParseError(message));
  });

  it.each([
    ["empty output", "", /output is empty/],
    ["truncated output", '<response status="success">\n<result>\n<system><hostname>pa1</hostname>\n', /invalid XML/],
    ["mismatched tags", '<response status="success"><result><a>1</b></result></response>', /line 1: invalid XML: Expected closing tag 'a'/],
    ["plain text", "Invalid syntax.", /invalid XML/],
    ["another root element", "<config><a/></config>", /expected a <response> element, found <config>/],
    ["an XML declaration only before another root", '<?xml version="1.0"?><config/>', /expected a <response> element, found <config>/],
    ["no result", '<response status="success"><msg>done</msg></response>', /has no <result>/],
    ["unknown status", '<response status="unauth"><result/></response>', /unexpected response status "unauth"/],
  ])("rejects %s", (_name, raw, message) => {
    expect(() => parseXml(raw)).toThrow(ParseError);
    expect(() => parseXml(raw)).toThrow(message);
  });
});
