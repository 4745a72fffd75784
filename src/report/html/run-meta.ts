// The "Run" section of the HTML view: tool, who ran it, when, the selection, the gate, and exactly which check
// text ran (id, severity, source, sha256).

import type { RunReport } from "../../model/result.js";
import { formatRunDuration, formatTime } from "../format.js";
import { HTML_TEXT, TEXT } from "../strings.js";
import { severity, type Labelled } from "./common.js";

const SHORT_SHA = 12;

export interface CheckRefView {
  id: string;
  title: string;
  severity: Labelled;
  sha256: string;
  shortSha: string;
  source: string;
}

export interface RunMetaView {
  tool: string;
  runBy: string;
  startedAt: string;
  finishedAt: string;
  duration: string;
  inventory: string;
  groups: string;
  devices: string;
  tags: string;
  failOn: Labelled;
  interrupted: string;
  source: string;
  schemaVersion: string;
  checks: CheckRefView[];
}

export function runMetaView(report: RunReport): RunMetaView {
  const { meta } = report;
  return {
    tool: `${meta.tool.name} ${meta.tool.version}`,
    runBy: meta.runBy ? `${meta.runBy.user} on ${meta.runBy.host}` : HTML_TEXT.runByUnknown,
    startedAt: formatTime(meta.startedAt),
    finishedAt: formatTime(meta.finishedAt),
    duration: formatRunDuration(meta.startedAt, meta.finishedAt),
    inventory: meta.selection.inventory,
    groups: listOrAll(meta.selection.groups),
    devices: listOrAll(meta.selection.devices),
    tags: listOrAll(meta.selection.tags),
    failOn: severity(meta.failOn),
    interrupted: HTML_TEXT.interrupted(meta.interrupted),
    source: meta.fromCapture ?? HTML_TEXT.notFromCapture,
    schemaVersion: report.schemaVersion,
    checks: meta.checks.map((c) => ({
      id: c.id,
      title: c.title,
      severity: severity(c.severity),
      sha256: c.sha256,
      shortSha: c.sha256.slice(0, SHORT_SHA),
      source: c.source,
    })),
  };
}

function listOrAll(items: string[]): string {
  return items.length > 0 ? items.join(", ") : TEXT.noFilter;
}
