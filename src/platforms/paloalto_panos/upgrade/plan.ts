// PAN-OS upgrade paths: which releases a firewall boots between the release it runs and its target, each with
// the rule (from checks/paloalto_panos/data/upgrade-paths.yaml) that makes the stop necessary, plus the images to
// download. Also validates a path given by the user (`--path`, inventory `upgrade_path`) against the same rules.
// Pure: the rules come in as data, nothing here reads files or talks to devices.
import { comparePanosVersions, featureRelease, isPanosVersion } from "../version.js";
import type { FeatureReleaseInfo, PathRule, UpgradeRules } from "./rules.js";

import { PathError, type PathHop, type PlannedPath } from "../../types.js";

export { PathError };
/** One release the device boots on the way. */
export type Hop = PathHop;
export type UpgradePath = PlannedPath;

/**
 * Which release of an intermediate feature release the device boots:
 * - `latest-known` (default): the latest maintenance release the data knows for that train, after downloading its
 *   base image, as Palo Alto recommends; the base image itself when the data knows no later release;
 * - `none`: the base image itself, the fewest downloads (one release of each train is the minimum that must be
 *   booted); Palo Alto advises against booting a base image that is not the target, and the hop says so.
 */
export type MaintenanceMode = "latest-known" | "none";

export interface PlanOptions {
  maintenance?: MaintenanceMode;
  /** An HA pair: both peers must reach every feature release, so no feature release is skipped. */
  ha?: boolean;
}


/** The releases to boot from `from` to `to`; throws PathError for a downgrade, an unknown train or a bad version. */
export function planPanosPath(from: string, to: string, rules: UpgradeRules, options: PlanOptions = {}): UpgradePath {
  const problems: string[] = [];
  const start = locate(from, "the running release", rules, problems);
  const end = locate(to, "the target", rules, problems);
  if (!start || !end) throw new PathError(problems);
  const order = comparePanosVersions(from, to);
  if (order === 0) return { from, to, hops: [], downloads: [] };
  if (order > 0) {
    throw new PathError([
      `${to} is older than ${from}: that is a downgrade, and preflight plans upgrades only. PAN-OS downgrades have their own ` +
        "rules (for example, leaving 10.2 for an earlier release goes through 10.1.3 or later first); follow the Downgrade " +
        "section of the target release's upgrade guide.",
    ]);
  }
  const belowBase = checkAtLeastBase(to, end, "the target");
  if (belowBase) throw new PathError([belowBase]);

  const mode = options.maintenance ?? "latest-known";
  const ha = options.ha ?? false;
  const hops: Hop[] = [];
  let current = start.index;
  let currentVersion = from;
  for (;;) {
    const direct = step(rules, current, end.index, ha);
    if (direct.ok) {
      hops.push({ version: to, featureRelease: end.info.release, rule: direct.rule.id, reason: `the target; ${direct.why}` });
      break;
    }
    const next = farthestStop(rules, current, end.index, ha);
    const info = rules.releases[next.index]!;
    const version = mode === "latest-known" && info.latestKnown ? info.latestKnown : info.base;
    hops.push({
      version,
      featureRelease: info.release,
      rule: direct.rule.id,
      reason: `${to} cannot be installed on ${currentVersion} directly: ${direct.why}. ${next.why}; ${whichRelease(rules, info, version, mode)}`,
    });
    current = next.index;
    currentVersion = version;
  }
  return { from, to, hops, downloads: downloadsFor(from, hops, rules) };
}

/**
 * Checks a path the user gave (the releases booted after `from`, ending at `to`) and returns it as hops.
 * Throws PathError listing every violation: unknown versions or trains, not ascending, not ending at the
 * target, or skipping a feature release where the rules forbid it.
 */
export function explicitPath(from: string, versions: readonly string[], to: string, rules: UpgradeRules, options: Pick<PlanOptions, "ha"> = {}): UpgradePath {
  const ha = options.ha ?? false;
  const problems: string[] = [];
  const start = locate(from, "the running release", rules, problems);
  locate(to, "the target", rules, problems);
  if (versions.length === 0) problems.push(`the path is empty: give the releases to boot, ending with the target ${to}`);
  const last = versions[versions.length - 1];
  if (last !== undefined && isPanosVersion(last) && isPanosVersion(to) && comparePanosVersions(last, to) !== 0) {
    problems.push(`the path ends at ${last} but the target is ${to}: the path must end at the target`);
  }

  const hops: Hop[] = [];
  let previous = start ? { version: from, index: start.index } : undefined;
  versions.forEach((version, i) => {
    const label = `path entry ${i + 1} (${version})`;
    const here = locate(version, label, rules, problems);
    if (!here) {
      previous = undefined;
      return;
    }
    const belowBase = checkAtLeastBase(version, here, label);
    if (belowBase) problems.push(belowBase);
    if (previous) {
      if (comparePanosVersions(version, previous.version) <= 0) {
        problems.push(`${label} is not newer than ${previous.version}: each release on the path must be newer than the one before`);
      } else {
        const allowed = step(rules, previous.index, here.index, ha);
        if (!allowed.ok) {
          problems.push(`${label}: going from ${previous.version} to ${version} ${allowed.why} [rule ${allowed.rule.id}]`);
        } else {
          hops.push({
            version,
            featureRelease: here.info.release,
            rule: allowed.rule.id,
            reason: `given in the path${version === to ? " (the target)" : ""}; ${allowed.why}${bootsBase(rules, here.info, version, to)}`,
          });
        }
      }
    }
    previous = { version, index: here.index };
  });
  if (problems.length) throw new PathError(problems);
  return { from, to, hops, downloads: downloadsFor(from, hops, rules) };
}

interface Located {
  index: number;
  info: FeatureReleaseInfo;
}

/** The feature release of `version` in the data; records a problem naming the version when there is none. */
function locate(version: string, role: string, rules: UpgradeRules, problems: string[]): Located | undefined {
  if (!isPanosVersion(version)) {
    problems.push(`${role}: "${version}" is not a PAN-OS version (expected MAJOR.MINOR.PATCH with an optional -hN, e.g. 10.2.4-h4)`);
    return undefined;
  }
  const release = featureRelease(version);
  const index = rules.releases.findIndex((r) => r.release === release);
  if (index < 0) {
    const known = rules.releases.map((r) => r.release).join(", ");
    problems.push(
      `${role}: ${version} belongs to feature release ${release}, which the upgrade-path data (${rules.file}) does not list; ` +
        `it knows ${known}. Add ${release} to that file (see docs/upgrade-paths.md) or check the version.`,
    );
    return undefined;
  }
  return { index, info: rules.releases[index]! };
}

function checkAtLeastBase(version: string, at: Located, role: string): string | undefined {
  if (comparePanosVersions(version, at.info.base) >= 0) return undefined;
  return `${role}: ${version} is older than ${at.info.base}, the base image of ${at.info.release}, so no such release is known; check the version`;
}

type Step = { ok: true; rule: PathRule; why: string } | { ok: false; rule: PathRule; why: string };

/** Whether a device on train `fromIndex` may install a release of train `toIndex` (later) in one go, and why. */
function step(rules: UpgradeRules, fromIndex: number, toIndex: number, ha: boolean): Step {
  const { sequential, skip, sameTrain, ha: haRule } = rules.rules;
  const fromRelease = rules.releases[fromIndex]!.release;
  const toRelease = rules.releases[toIndex]!.release;
  if (toIndex === fromIndex) return { ok: true, rule: sameTrain, why: `same feature release ${toRelease}, installs directly` };
  if (toIndex === fromIndex + 1) return { ok: true, rule: sequential, why: `${toRelease} is the next feature release after ${fromRelease}` };
  const skipped = rules.releases.slice(fromIndex + 1, toIndex).map((r) => r.release);
  const skips = `skips ${plural(skipped.length, "feature release")} (${skipped.join(", ")})`;
  if (ha) return { ok: false, rule: haRule, why: `${skips}, and HA peers must both reach every feature release` };
  if (comparePanosVersions(fromRelease, skip.fromRelease) < 0) {
    return { ok: false, rule: sequential, why: `${skips}, but a device on ${fromRelease} (before ${skip.fromRelease}) cannot skip a feature release` };
  }
  if (comparePanosVersions(toRelease, skip.toRelease) < 0) {
    return { ok: false, rule: sequential, why: `${skips}, but skipping is possible only when installing ${skip.toRelease} or later` };
  }
  if (skipped.length > skip.maxSkipped) {
    return { ok: false, rule: skip, why: `${skips}, more than the ${skip.maxSkipped} that may be skipped from ${fromRelease}` };
  }
  return { ok: true, rule: skip, why: `from ${fromRelease} (${skip.fromRelease} or later) it ${skips}, at most ${skip.maxSkipped} allowed` };
}

/** The furthest train short of the target that the device can reach in one step (always at least the next one). */
function farthestStop(rules: UpgradeRules, fromIndex: number, targetIndex: number, ha: boolean): { index: number; why: string } {
  for (let index = targetIndex - 1; index > fromIndex + 1; index--) {
    const reach = step(rules, fromIndex, index, ha);
    if (reach.ok) return { index, why: `The furthest feature release it can reach first is ${rules.releases[index]!.release}: ${reach.why}` };
  }
  return { index: fromIndex + 1, why: `It goes to the next feature release, ${rules.releases[fromIndex + 1]!.release}, first` };
}

function whichRelease(rules: UpgradeRules, info: FeatureReleaseInfo, version: string, mode: MaintenanceMode): string {
  const { maintenance, baseDownload } = rules.rules;
  if (version !== info.base) {
    return (
      `it boots ${version}, the latest ${info.release} release known to the data [${maintenance.id}], ` +
      `after downloading the base image ${info.base} without installing it [${baseDownload.id}]`
    );
  }
  const why = mode === "none" ? "maintenance mode 'none' plans the base image, the fewest downloads" : `the data knows no ${info.release} release later than its base image`;
  return `it boots the base image ${info.base} (${why}); Palo Alto recommends booting the latest ${info.release} maintenance release instead [${baseDownload.id}]`;
}

/** A warning for an explicit path that boots a base image other than the target, which TechDocs advises against. */
function bootsBase(rules: UpgradeRules, info: FeatureReleaseInfo, version: string, to: string): string {
  if (version === to || comparePanosVersions(version, info.base) !== 0) return "";
  return `; it boots the base image ${version}, which Palo Alto recommends installing only as the target [${rules.rules.baseDownload.id}]`;
}

/** Base images first when a hop enters a new train (downloaded, booted only if the hop is the base), then each hop. */
function downloadsFor(from: string, hops: readonly Hop[], rules: UpgradeRules): string[] {
  const out: string[] = [];
  let train = featureRelease(from);
  for (const hop of hops) {
    if (hop.featureRelease !== train) {
      const base = rules.releases.find((r) => r.release === hop.featureRelease)!.base;
      if (comparePanosVersions(hop.version, base) !== 0) out.push(base);
      train = hop.featureRelease;
    }
    out.push(hop.version);
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
