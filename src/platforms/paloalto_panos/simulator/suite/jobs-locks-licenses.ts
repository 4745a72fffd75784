// Simulator outputs for the jobs, locks, pending-changes, licence and support checks (panos-jobs-idle,
// panos-jobs-no-recent-failures, panos-config-locks, panos-commit-locks, panos-pending-changes,
// panos-licenses-valid, panos-licenses-expiring, panos-support-valid).
//
// The outputs are read from the package's fixtures/ folder, the one copy the check test cases and the unit
// tests read too. Sources (fixtures/README.md has the details and licences):
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
import { fixture } from "./fixture.js";
import type { SuiteOutputs, SuiteProblem } from "./types.js";

const JOBS_FINISHED = fixture("paloalto_panos/show_jobs_all/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_jobs__L1606-1651.xml");
const JOBS_RUNNING = fixture("paloalto_panos/show_jobs_all/written-by-preflight__commit-running-download-pending.xml");
const JOBS_FAILED = fixture("paloalto_panos/show_jobs_all/written-by-preflight__failed-jobs.xml");
const CONFIG_LOCK_HELD = fixture("paloalto_panos/show_config-locks/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_config_locks__L3287-3304.xml");
const CONFIG_LOCKS_NONE = fixture("paloalto_panos/show_config-locks/written-by-preflight__no-locks.xml");
const COMMIT_LOCK_HELD = fixture("paloalto_panos/show_commit-locks/written-by-preflight__admin-lock.xml");
const COMMIT_LOCKS_NONE = fixture("paloalto_panos/show_commit-locks/written-by-preflight__no-locks.xml");
const LICENSES_XML = fixture("paloalto_panos/request_license_info/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_licenses__L357-395.xml");
const LICENSES_XML_THREAT_EXPIRED = fixture("paloalto_panos/request_license_info/written-by-preflight__threat-expired.xml");
const LICENSES_XML_SUPPORT_EXPIRED = fixture("paloalto_panos/request_license_info/written-by-preflight__support-expired.xml");
const LICENSES_TEXT = fixture("paloalto_panos/request_license_info/ntc-templates__tests__paloalto_panos__request_license_info__pr-comment-provided.raw");
const LICENSES_TEXT_EXPIRING = fixture("paloalto_panos/request_license_info/written-by-preflight__expiring.txt");

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
