// Simulator outputs for the jobs, locks, pending-changes, licence and support checks (panos-jobs-idle,
// panos-jobs-no-recent-failures, panos-config-locks, panos-commit-locks, panos-pending-changes,
// panos-licenses-valid, panos-licenses-expiring, panos-support-valid).
//
// Sources (fixtures/README.md has the details and licences):
// - REAL captures: `show jobs all` with finished jobs and `show config-locks` with a held lock (XML API responses
//   from pan-os-upgrade-assurance's tests, MIT), `request license info` as XML (same source) and as text
//   (ntc-templates, Apache-2.0).
// - WRITTEN BY PREFLIGHT, because no public capture exists: running/queued and failed jobs, the empty
//   `<config-locks/>` and both `show commit-locks` answers (in the shape of the real config-locks capture),
//   `check pending-changes` (one word, yes or no), and the licence lists with an expired or expiring entry
//   (derived from the real captures).
//
// The healthy firewall passes every one of those checks; each problem overrides only the output its own
// check reads, so it trips that check and no other.
import type { SuiteOutputs, SuiteProblem } from "./types.js";

const JOBS_FINISHED = `<response status="success">
    <result>
        <job>
            <tenq>2023/08/07 04:00:40</tenq>
            <tdeq>04:00:40</tdeq>
            <id>4</id>
            <user>Auto update agent</user>
            <type>WildFire</type>
            <status>FIN</status>
            <queued>NO</queued>
            <stoppable>no</stoppable>
            <result>OK</result>
            <tfin>2023/08/07 04:00:45</tfin>
            <description/>
            <positionInQ>0</positionInQ>
            <progress>2023/08/07 04:00:45</progress>
            <details>
                <line>Configuration committed successfully</line>
                <line>Successfully committed last configuration</line>
            </details>
            <warnings/>
        </job>
        <job>
            <tenq>2023/08/07 03:59:57</tenq>
            <tdeq>03:59:57</tdeq>
            <id>1</id>
            <user/>
            <type>AutoCom</type>
            <status>FIN</status>
            <queued>NO</queued>
            <stoppable>no</stoppable>
            <result>OK</result>
            <tfin>2023/08/07 04:00:28</tfin>
            <description/>
            <positionInQ>0</positionInQ>
            <progress>100</progress>
            <details>
                <line>Configuration committed successfully</line>
                <line>Successfully committed last configuration</line>
            </details>
            <warnings/>
        </job>
    </result>
</response>
`;

const JOBS_RUNNING = `<response status="success">
    <result>
        <job>
            <tenq>2023/08/07 04:12:03</tenq>
            <tdeq>04:12:03</tdeq>
            <id>6</id>
            <user>admin</user>
            <type>Downld</type>
            <status>PEND</status>
            <queued>YES</queued>
            <stoppable>yes</stoppable>
            <result>PEND</result>
            <tfin/>
            <description/>
            <positionInQ>1</positionInQ>
            <progress>0</progress>
            <details/>
            <warnings/>
        </job>
        <job>
            <tenq>2023/08/07 04:11:40</tenq>
            <tdeq>04:11:40</tdeq>
            <id>5</id>
            <user>admin</user>
            <type>Commit</type>
            <status>ACT</status>
            <queued>NO</queued>
            <stoppable>no</stoppable>
            <result>PEND</result>
            <tfin/>
            <description/>
            <positionInQ>0</positionInQ>
            <progress>45</progress>
            <details/>
            <warnings/>
        </job>
        <job>
            <tenq>2023/08/07 04:00:40</tenq>
            <tdeq>04:00:40</tdeq>
            <id>4</id>
            <user>Auto update agent</user>
            <type>WildFire</type>
            <status>FIN</status>
            <queued>NO</queued>
            <stoppable>no</stoppable>
            <result>OK</result>
            <tfin>2023/08/07 04:00:45</tfin>
            <description/>
            <positionInQ>0</positionInQ>
            <progress>2023/08/07 04:00:45</progress>
            <details>
                <line>Configuration committed successfully</line>
                <line>Successfully committed last configuration</line>
            </details>
            <warnings/>
        </job>
    </result>
</response>
`;

const JOBS_FAILED = `<response status="success">
    <result>
        <job>
            <tenq>2023/08/07 04:10:12</tenq>
            <tdeq>04:10:12</tdeq>
            <id>9</id>
            <user>admin</user>
            <type>Commit</type>
            <status>FIN</status>
            <queued>NO</queued>
            <stoppable>no</stoppable>
            <result>FAIL</result>
            <tfin>2023/08/07 04:10:30</tfin>
            <description/>
            <positionInQ>0</positionInQ>
            <progress>100</progress>
            <details>
                <line>Validation Error:</line>
                <line>rulebase -&gt; security -&gt; rules -&gt; allow-web -&gt; service 'svc-8443' is not a valid reference</line>
                <line>Commit failed</line>
            </details>
            <warnings/>
        </job>
        <job>
            <tenq>2023/08/07 04:00:40</tenq>
            <tdeq>04:00:40</tdeq>
            <id>4</id>
            <user>Auto update agent</user>
            <type>WildFire</type>
            <status>FIN</status>
            <queued>NO</queued>
            <stoppable>no</stoppable>
            <result>OK</result>
            <tfin>2023/08/07 04:00:45</tfin>
            <description/>
            <positionInQ>0</positionInQ>
            <progress>2023/08/07 04:00:45</progress>
            <details>
                <line>Configuration committed successfully</line>
            </details>
            <warnings/>
        </job>
        <job>
            <tenq>2023/07/20 01:00:06</tenq>
            <tdeq>01:00:06</tdeq>
            <id>2</id>
            <user>Auto update agent</user>
            <type>Downld</type>
            <status>FIN</status>
            <queued>NO</queued>
            <stoppable>no</stoppable>
            <result>FAIL</result>
            <tfin>2023/07/20 01:00:36</tfin>
            <description/>
            <positionInQ>0</positionInQ>
            <progress>100</progress>
            <details>
                <line>Failed to download file: connection timed out</line>
            </details>
            <warnings/>
        </job>
        <job>
            <tenq>2023/07/20 00:59:57</tenq>
            <tdeq>00:59:57</tdeq>
            <id>1</id>
            <user/>
            <type>AutoCom</type>
            <status>FIN</status>
            <queued>NO</queued>
            <stoppable>no</stoppable>
            <result>OK</result>
            <tfin>2023/07/20 01:00:28</tfin>
            <description/>
            <positionInQ>0</positionInQ>
            <progress>100</progress>
            <details>
                <line>Configuration committed successfully</line>
            </details>
            <warnings/>
        </job>
    </result>
</response>
`;

const CONFIG_LOCK_HELD = `<response status="success">
    <result>
        <config-locks>
            <entry name="admin">
                <type>shared</type>
                <name>shared</name>
                <created>2026/03/19 17:00:45</created>
                <last-activity>2026/03/19 17:00:45</last-activity>
                <loggedin>yes</loggedin>
                <comment>
                    <![CDATA[Testing config lock api]]>
                </comment>
            </entry>
        </config-locks>
    </result>
</response>
`;

const CONFIG_LOCKS_NONE = `<response status="success">
    <result>
        <config-locks/>
    </result>
</response>
`;

const COMMIT_LOCK_HELD = `<response status="success">
    <result>
        <commit-locks>
            <entry name="admin">
                <type>shared</type>
                <name>shared</name>
                <created>2023/08/07 03:55:12</created>
                <last-activity>2023/08/07 04:02:31</last-activity>
                <loggedin>no</loggedin>
                <comment>
                    <![CDATA[change 4711: NAT rework]]>
                </comment>
            </entry>
        </commit-locks>
    </result>
</response>
`;

const COMMIT_LOCKS_NONE = `<response status="success">
    <result>
        <commit-locks/>
    </result>
</response>
`;

const LICENSES_XML = `<response status="success">
    <result>
        <licenses>
            <entry>
                <feature>PAN-DB URL Filtering</feature>
                <description>Palo Alto Networks URL Filtering License</description>
                <serial>00000000000000</serial>
                <issued>April 20, 2023</issued>
                <expires>December 31, 2023</expires>
                <expired>no</expired>
                <base-license-name>PA-VM</base-license-name>
                <authcode />
            </entry>
            <entry>
                <feature>Logging Service</feature>
                <description>Device Logging Service</description>
                <serial>00000000000</serial>
                <issued>June 29, 2022</issued>
                <expires>August 04, 2024</expires>
                <expired>no</expired>
                <custom>
                    <_Log_Storage_TB>7</_Log_Storage_TB>
                </custom>
                <authcode/>
            </entry>
            <entry>
                <feature>Premium</feature>
                <description>24 x 7 phone support; advanced replacement hardware service</description>
                <serial>00000000000</serial>
                <issued>May 02, 2023</issued>
                <expires>June 30, 2028</expires>
                <expired>no</expired>
                <authcode>12345678</authcode>
            </entry>
        </licenses>
    </result>
</response>
`;

const LICENSES_XML_THREAT_EXPIRED = `<response status="success">
    <result>
        <licenses>
            <entry>
                <feature>Threat Prevention</feature>
                <description>Threat Prevention</description>
                <serial>00000000000000</serial>
                <issued>April 20, 2022</issued>
                <expires>April 20, 2023</expires>
                <expired>yes</expired>
                <base-license-name>PA-VM</base-license-name>
                <authcode/>
            </entry>
            <entry>
                <feature>PAN-DB URL Filtering</feature>
                <description>Palo Alto Networks URL Filtering License</description>
                <serial>00000000000000</serial>
                <issued>April 20, 2023</issued>
                <expires>December 31, 2023</expires>
                <expired>no</expired>
                <base-license-name>PA-VM</base-license-name>
                <authcode/>
            </entry>
            <entry>
                <feature>Premium</feature>
                <description>24 x 7 phone support; advanced replacement hardware service</description>
                <serial>00000000000</serial>
                <issued>May 02, 2023</issued>
                <expires>June 30, 2028</expires>
                <expired>no</expired>
                <authcode>12345678</authcode>
            </entry>
        </licenses>
    </result>
</response>
`;

const LICENSES_XML_SUPPORT_EXPIRED = `<response status="success">
    <result>
        <licenses>
            <entry>
                <feature>PAN-DB URL Filtering</feature>
                <description>Palo Alto Networks URL Filtering License</description>
                <serial>00000000000000</serial>
                <issued>April 20, 2023</issued>
                <expires>December 31, 2023</expires>
                <expired>no</expired>
                <base-license-name>PA-VM</base-license-name>
                <authcode/>
            </entry>
            <entry>
                <feature>Premium</feature>
                <description>24 x 7 phone support; advanced replacement hardware service</description>
                <serial>00000000000</serial>
                <issued>May 02, 2022</issued>
                <expires>May 01, 2023</expires>
                <expired>yes</expired>
                <authcode>12345678</authcode>
            </entry>
        </licenses>
    </result>
</response>
`;

const LICENSES_TEXT = `Current PDT Date: May 19, 2021

License entry:
Feature: WildFire License
Description: WildFire signature feed, integrated WildFire logs, WildFire API
Serial: 0000000xxxxxxxx
Issued: January 13, 2020
Expires: March 08, 2023
Expired?: no
Base license: PA-VM

License entry:
Feature: Premium
Description: 24 x 7 phone support; advanced replacement hardware service
Serial: 0000000xxxxxxxx
Issued: January 13, 2020
Expires: January 09, 2023
Expired?: no
Base license: PA-VM

License entry:
Feature: PAN-DB URL Filtering
Description: Palo Alto Networks URL Filtering License
Serial: 0000000xxxxxxxx
Issued: January 13, 2020
Expires: March 08, 2023
Expired?: no
Base license: PA-VM

License entry:
Feature: GlobalProtect Portal
Description: GlobalProtect Portal License
Serial: 0000000xxxxxxxx
Issued: March 08, 2017
Expires: Never
Expired?: no
Base license: PA-VM

License entry:
Feature: PA-VM
Description: Standard VM-100
Serial: 0000000xxxxxxxx
Issued: March 08, 2017
Expires: Never
Expired?: no

License entry:
Feature: Threat Prevention
Description: Threat Prevention
Serial: 0000000xxxxxxxx
Issued: January 13, 2020
Expires: January 13, 2023
Expired?: no
Base license: PA-VM

License entry:
Feature: GlobalProtect Gateway
Description: GlobalProtect Gateway License
Serial: 0000000xxxxxxxx
Issued: January 13, 2020
Expires: March 08, 2023
Expired?: no
Base license: PA-VM
Authcode: abc def
`;

const LICENSES_TEXT_EXPIRING = `Current PDT Date: May 19, 2021

License entry:
Feature: Threat Prevention
Description: Threat Prevention
Serial: 0000000xxxxxxxx
Issued: June 02, 2020
Expires: June 02, 2021
Expired?: no
Base license: PA-VM

License entry:
Feature: Premium
Description: 24 x 7 phone support; advanced replacement hardware service
Serial: 0000000xxxxxxxx
Issued: January 13, 2020
Expires: January 09, 2023
Expired?: no
Base license: PA-VM

License entry:
Feature: GlobalProtect Gateway
Description: GlobalProtect Gateway License
Serial: 0000000xxxxxxxx
Issued: January 13, 2020
Expires: March 08, 2021
Expired?: yes
Base license: PA-VM

License entry:
Feature: PA-VM
Description: Standard VM-100
Serial: 0000000xxxxxxxx
Issued: March 08, 2017
Expires: Never
Expired?: no
`;



export const healthy: SuiteOutputs = {
  outputs: {
    "check pending-changes": "no\n",
    "request license info": LICENSES_TEXT,
  },
  xmlOutputs: {
    "show jobs all": JOBS_FINISHED,
    "show config-locks": CONFIG_LOCKS_NONE,
    "show commit-locks": COMMIT_LOCKS_NONE,
    "request license info": LICENSES_XML,
  },
};

export const problems: Record<string, SuiteProblem> = {
  "job-running": {
    xmlOutputs: { "show jobs all": JOBS_RUNNING },
    expect: { check: "panos-jobs-idle", status: "fail" },
  },
  "job-failed-recently": {
    xmlOutputs: { "show jobs all": JOBS_FAILED },
    expect: { check: "panos-jobs-no-recent-failures", status: "warn" },
  },
  "config-locked": {
    xmlOutputs: { "show config-locks": CONFIG_LOCK_HELD },
    expect: { check: "panos-config-locks", status: "fail" },
  },
  "commit-locked": {
    xmlOutputs: { "show commit-locks": COMMIT_LOCK_HELD },
    expect: { check: "panos-commit-locks", status: "fail" },
  },
  "pending-changes": {
    outputs: { "check pending-changes": "yes\n" },
    expect: { check: "panos-pending-changes", status: "fail" },
  },
  "license-expired": {
    xmlOutputs: { "request license info": LICENSES_XML_THREAT_EXPIRED },
    expect: { check: "panos-licenses-valid", status: "fail" },
  },
  "license-expiring": {
    outputs: { "request license info": LICENSES_TEXT_EXPIRING },
    expect: { check: "panos-licenses-expiring", status: "warn" },
  },
  "support-expired": {
    xmlOutputs: { "request license info": LICENSES_XML_SUPPORT_EXPIRED },
    expect: { check: "panos-support-valid", status: "fail" },
  },
};

export type { SuiteOutputs, SuiteProblem };
