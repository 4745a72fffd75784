// Simulator outputs for the disk, resource and hardware checks (panos-disk-space-panrepo, panos-mp-resources,
// panos-dataplane-load, panos-environmentals, panos-images-downloaded).
//
// `healthy` is a firewall that passes all five, built from real captures where they exist (embedded below, so
// the simulator does not read test files at run time; the suite test compares them with the fixture files):
// - `show system disk-space` (text): the CDATA of pan-os-upgrade-assurance's test_get_disk_utilization_ok XML
//   response, which is what the CLI prints in text mode: 20G free on /opt/panrepo, room for 12 images at the
//   check's default 1.5 GiB each plus its 1 GiB reserve;
// - `show system resources` (text): the CDATA of pan-os-upgrade-assurance's test_get_mp_mem_utilization response;
// - `show running resource-monitor minute last 15` (XML): pan-os-upgrade-assurance's test_get_dp_cpu_utilization
//   response (captured with `minute last 5`: five values per core);
// - `show system environmentals` (XML): WRITTEN BY PREFLIGHT, the real test_get_system_environmentals response
//   with its power supply healthy (no public capture with every sensor healthy exists);
// - `request system software info` (XML): WRITTEN BY PREFLIGHT in the layout of pan-os-upgrade-assurance's
//   test_get_available_image_data response, listing the images of the paths the fleet uses as downloaded
//   (HEALTHY_DOWNLOADED). A device whose upgrade path needs another image must add it (softwareInfo()).
// Each problem changes only the output behind one finding.
import type { SuiteProblem } from "./types.js";
export const DISK_SPACE_COMMAND = "show system disk-space";
export const SYSTEM_RESOURCES_COMMAND = "show system resources";
export const RESOURCE_MONITOR_COMMAND = "show running resource-monitor minute last 15";
export const ENVIRONMENTALS_COMMAND = "show system environmentals";
export const SOFTWARE_INFO_COMMAND = "request system software info";


/** fixtures/paloalto_panos/show_system_disk-space/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_disk_utilization_ok__L1319-1334.cdata.txt, byte for byte: the CDATA of the real XML API response (20G free on /opt/panrepo). */
export const DISK_SPACE = [
  " Filesystem Size Used Avail Use% Mounted on",
  "/dev/root       38G  5.0G  31G    14% /",
  "none            16G  136K  16G     1% /dev",
  "/dev/md5       100M  0     100M   12% /opt/pancfg",
  "/dev/md6        23G  2.2G  20G    11% /opt/panrepo",
  "tmpfs           16G  253M  16G     2% /dev/shm",
  "/dev/md9       1.8T  4.1G  1.7T    1% /opt/panraid/ld1",
  "/dev/md8        73G  1.2G  68G     2% /opt/panlogs",
  "tmpfs          1.0M  4.0K  1020K   1% /opt/pancfg/mgmt/lcaas/ssl/private",
  "",
].join("\n");

/** fixtures/paloalto_panos/show_system_resources/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_mp_mem_utilization__L3241-3255.cdata.txt, byte for byte: the CDATA of the real XML API response (99.3% idle, 16% memory used). */
export const SYSTEM_RESOURCES = [
  "top - 16:29:19 up  4:18,  0 users,  load average: 0.26, 0.18, 0.19",
  "Tasks: 456 total,   1 running, 452 sleeping,   0 stopped,   3 zombie",
  "%Cpu(s):  0.2 us,  0.4 sy,  0.0 ni, 99.3 id,  0.0 wa,  0.0 hi,  0.2 si,  0.0 st",
  "MiB Mem :  63739.8 total,  46728.6 free,  10179.2 used,   6832.0 buff/cache",
  "MiB Swap:   1023.9 total,   1023.9 free,      0.0 used.  56059.9 avail Mem",
  "",
  "  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND",
  "13999       20   0  177396  23916  12740 S   6.2   0.0   0:26.59 packet_pa+",
  "    ",
].join("\n");

/** fixtures/paloalto_panos/show_system_resources/written-by-preflight__procps3-busy.txt, byte for byte: WRITTEN BY PREFLIGHT in the older top format (8.4% idle). */
export const SYSTEM_RESOURCES_BUSY = [
  "",
  "top - 10:03:44 up 52 days, 20:07,  0 users,  load average: 5.58, 5.58, 5.62",
  "Tasks: 132 total,   6 running, 125 sleeping,   0 stopped,   1 zombie",
  "Cpu(s): 87.1%us,  3.6%sy,  0.6%ni,  8.4%id,  0.1%wa,  0.1%hi,  0.2%si,  0.0%st",
  "Mem:   4053344k total,  3886556k used,   166788k free,    20412k buffers",
  "Swap:  2007992k total,   516132k used,  1491860k free,  1164812k cached",
  "",
  "  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND",
  " 2984 20        20   0  979m 492m  17m S 78.2 12.4   4137:41 mgmtsrvr",
  " 3051 20        20   0  427m 112m  10m S  9.8  2.8 612:11.03 logrcvr",
  "",
].join("\n");

/** fixtures/paloalto_panos/show_running_resource-monitor_minute/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_dp_cpu_utilization__L2591-2622.xml, byte for byte: real XML API response (four cores at 0-1%). */
export const RESOURCE_MONITOR = [
  "<response status=\"success\">",
  "  <result>",
  "    <resource-monitor>",
  "      <data-processors>",
  "        <dp0>",
  "          <minute>",
  "            <cpu-load-average>",
  "              <entry>",
  "                <coreid>0</coreid>",
  "                <value>0,0,0,0,0</value>",
  "              </entry>",
  "              <entry>",
  "                <coreid>1</coreid>",
  "                <value>0,0,0,0,0</value>",
  "              </entry>",
  "              <entry>",
  "                <coreid>2</coreid>",
  "                <value>1,1,1,1,1</value>",
  "              </entry>",
  "              <entry>",
  "                <coreid>3</coreid>",
  "                <value>0,0,0,0,0</value>",
  "              </entry>",
  "            </cpu-load-average>",
  "          </minute>",
  "        </dp0>",
  "      </data-processors>",
  "    </resource-monitor>",
  "  </result>",
  "</response>",
  "",
].join("\n");

/** fixtures/paloalto_panos/show_system_environmentals/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_system_environmentals__L2470-2530.xml, byte for byte: real XML API response whose left power supply is in alarm. */
export const ENVIRONMENTALS_PSU_ALARM = [
  "<response status=\"success\"><result>",
  "  <thermal>",
  "    <Slot0>",
  "      <entry>",
  "        <slot>0</slot>",
  "        <description>Temperature: Broadwell MP Core</description>",
  "        <alarm>False</alarm>",
  "        <DegreesC>29.8</DegreesC>",
  "        <min>-5.0</min>",
  "        <max>70.0</max>",
  "      </entry>",
  "    </Slot0>",
  "  </thermal>",
  "  <fantray>",
  "    <Slot1>",
  "      <entry>",
  "        <slot>1</slot>",
  "        <description>Fan Tray</description>",
  "        <alarm>False</alarm>",
  "        <Inserted>True</Inserted>",
  "        <min>1</min>",
  "      </entry>",
  "    </Slot1>",
  "  </fantray>",
  "  <fan>",
  "    <Slot1>",
  "      <entry>",
  "        <slot>1</slot>",
  "        <description>Fan #1 RPM</description>",
  "        <alarm>False</alarm>",
  "        <RPMs>3689</RPMs>",
  "        <min>1000</min>",
  "      </entry>",
  "    </Slot1>",
  "  </fan>",
  "  <power>",
  "    <Slot1>",
  "      <entry>",
  "        <slot>1</slot>",
  "        <description>Power: DP - Switch 1.0V Core</description>",
  "        <alarm>False</alarm>",
  "        <Volts>1.008</Volts>",
  "        <min>0.9</min>",
  "        <max>1.1</max>",
  "      </entry>",
  "    </Slot1>",
  "  </power>",
  "  <power-supply>",
  "    <Slot1>",
  "      <entry>",
  "        <slot>1</slot>",
  "        <description>Power Supply #1 (left)</description>",
  "        <alarm>True</alarm>",
  "        <Inserted>False</Inserted>",
  "        <min>True</min>",
  "      </entry>",
  "    </Slot1>",
  "  </power-supply>",
  "</result></response>",
  "",
].join("\n");

/** fixtures/paloalto_panos/show_system_environmentals/written-by-preflight__all-ok.xml, byte for byte: the real response above with the power supply inserted and not in alarm (WRITTEN BY PREFLIGHT). */
export const ENVIRONMENTALS = [
  "<response status=\"success\"><result>",
  "  <thermal>",
  "    <Slot0>",
  "      <entry>",
  "        <slot>0</slot>",
  "        <description>Temperature: Broadwell MP Core</description>",
  "        <alarm>False</alarm>",
  "        <DegreesC>29.8</DegreesC>",
  "        <min>-5.0</min>",
  "        <max>70.0</max>",
  "      </entry>",
  "    </Slot0>",
  "  </thermal>",
  "  <fantray>",
  "    <Slot1>",
  "      <entry>",
  "        <slot>1</slot>",
  "        <description>Fan Tray</description>",
  "        <alarm>False</alarm>",
  "        <Inserted>True</Inserted>",
  "        <min>1</min>",
  "      </entry>",
  "    </Slot1>",
  "  </fantray>",
  "  <fan>",
  "    <Slot1>",
  "      <entry>",
  "        <slot>1</slot>",
  "        <description>Fan #1 RPM</description>",
  "        <alarm>False</alarm>",
  "        <RPMs>3689</RPMs>",
  "        <min>1000</min>",
  "      </entry>",
  "    </Slot1>",
  "  </fan>",
  "  <power>",
  "    <Slot1>",
  "      <entry>",
  "        <slot>1</slot>",
  "        <description>Power: DP - Switch 1.0V Core</description>",
  "        <alarm>False</alarm>",
  "        <Volts>1.008</Volts>",
  "        <min>0.9</min>",
  "        <max>1.1</max>",
  "      </entry>",
  "    </Slot1>",
  "  </power>",
  "  <power-supply>",
  "    <Slot1>",
  "      <entry>",
  "        <slot>1</slot>",
  "        <description>Power Supply #1 (left)</description>",
  "        <alarm>False</alarm>",
  "        <Inserted>True</Inserted>",
  "        <min>True</min>",
  "      </entry>",
  "    </Slot1>",
  "  </power-supply>",
  "</result></response>",
  "",
].join("\n");

export interface SoftwareImage {
  version: string;
  downloaded: boolean;
  /** Image size in MB as the list prints it (`<size>`); default 1037, the 11.0.0 VM image of the real capture. */
  sizeMb?: number;
  current?: boolean;
}

/**
 * `request system software info` as the XML API prints it: the <sw-updates> list of pan-os-upgrade-assurance's
 * test_get_available_image_data capture (same elements, same order), one <entry> per image.
 */
export function softwareInfo(images: readonly SoftwareImage[]): string {
  const entries = images.map((image) => {
    const size = image.sizeMb ?? 1037;
    const train = image.version.split(".").slice(0, 2).join("-");
    return [
      "                <entry>",
      `                    <version>${image.version}</version>`,
      `                    <filename>PanOS_3200-${image.version}</filename>`,
      `                    <size>${size}</size>`,
      `                    <size-kb>${size * 1024}</size-kb>`,
      "                    <released-on>2023/03/29 15:05:25</released-on>",
      "                    <release-notes>",
      `<![CDATA[ https://www.paloaltonetworks.com/documentation/${train}/pan-os/pan-os-release-notes ]]>`,
      "</release-notes>",
      `                    <downloaded>${image.downloaded ? "yes" : "no"}</downloaded>`,
      `                    <current>${image.current ? "yes" : "no"}</current>`,
      "                    <latest>no</latest>",
      "                    <uploaded>no</uploaded>",
      "                </entry>",
    ].join("\n");
  });
  return [
    '<response status="success">',
    "    <result>",
    '        <sw-updates last-updated-at="2023/05/31 11:47:34">',
    "            <msg />",
    "            <versions>",
    ...entries,
    "            </versions>",
    "        </sw-updates>",
    "    </result>",
    "</response>",
    "",
  ].join("\n");
}

/** Images the healthy firewall has downloaded: the MSSP path 10.1.0 -> 10.2.0 -> 10.2.4-h4 and 11.0's base. */
export const HEALTHY_DOWNLOADED = ["10.1.0", "10.2.0", "10.2.4-h4", "11.0.0", "11.0.1"];

const HEALTHY_SOFTWARE = softwareInfo([
  ...HEALTHY_DOWNLOADED.map((version) => ({ version, downloaded: true })),
  { version: "10.1.14", downloaded: true, current: true },
  { version: "11.1.0", downloaded: false },
]);

export const healthy: { outputs: Record<string, string>; xmlOutputs: Record<string, string> } = {
  outputs: {
    [DISK_SPACE_COMMAND]: DISK_SPACE,
    [SYSTEM_RESOURCES_COMMAND]: SYSTEM_RESOURCES,
  },
  xmlOutputs: {
    [RESOURCE_MONITOR_COMMAND]: RESOURCE_MONITOR,
    [ENVIRONMENTALS_COMMAND]: ENVIRONMENTALS,
    [SOFTWARE_INFO_COMMAND]: HEALTHY_SOFTWARE,
  },
};

export const problems: Record<string, SuiteProblem> = {
  // 1.2G free on /opt/panrepo: below one image plus the reserve, whatever the path.
  "panrepo-full": {
    outputs: { [DISK_SPACE_COMMAND]: DISK_SPACE.replace("/dev/md6        23G  2.2G  20G    11% /opt/panrepo", "/dev/md6        23G   22G  1.2G   95% /opt/panrepo") },
    expect: { check: "panos-disk-space-panrepo", status: "fail" },
  },
  // The real capture: the left power supply is in alarm.
  "power-supply-alarm": {
    xmlOutputs: { [ENVIRONMENTALS_COMMAND]: ENVIRONMENTALS_PSU_ALARM },
    expect: { check: "panos-environmentals", status: "fail" },
  },
  // Nothing of the path is downloaded yet (only the running image): a warning, not a blocker.
  "images-not-downloaded": {
    xmlOutputs: {
      [SOFTWARE_INFO_COMMAND]: softwareInfo([
        ...HEALTHY_DOWNLOADED.map((version) => ({ version, downloaded: false })),
        { version: "10.1.14", downloaded: true, current: true },
      ]),
    },
    expect: { check: "panos-images-downloaded", status: "warn" },
  },
  // Management plane at 8.4% CPU idle (written by preflight, older top format).
  "mp-cpu-exhausted": {
    outputs: { [SYSTEM_RESOURCES_COMMAND]: SYSTEM_RESOURCES_BUSY },
    expect: { check: "panos-mp-resources", status: "fail" },
  },
  // dp0 core 2 averaging 94% over the sampled minutes (the real capture's core 2, loads raised).
  "dataplane-overloaded": {
    xmlOutputs: { [RESOURCE_MONITOR_COMMAND]: RESOURCE_MONITOR.replace("<value>1,1,1,1,1</value>", "<value>97,95,93,92,93</value>") },
    expect: { check: "panos-dataplane-load", status: "fail" },
  },
};

export type { SuiteProblem };
