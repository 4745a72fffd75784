// Formatting shared by the human-readable reports (HTML, terminal summary): times, durations, finding values,
// device text made safe to display, and the order in which devices are presented.

import { DEVICE_STATUSES, type DeviceResult, type DeviceStatus } from "../model/result.js";

/**
 * Device text with every control character replaced by its visible Unicode "control picture" (ESC -> ␛):
 * a device must not be able to drive the reader's terminal with escape sequences, and a NUL or form feed in
 * an HTML page is noise at best. Tabs and newlines are kept; CR is dropped so CRLF output reads as lines.
 */
export function visibleText(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return "\ufffd";
  });
}

/** Device text on one terminal line (the summary, the diff lines) is cut here, so one device cannot flood the screen. */
export const MAX_DETAIL_CHARS = 160;

/** One line of device text for a single-line context (terminal summary, table cell). */
export function oneLine(text: string): string {
  return visibleText(text).replace(/\s+/g, " ").trim();
}

/** An ISO time as `2024-05-14 09:00:00 UTC`; anything unparsable is shown as given. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  return h > 0 ? `${h} h ${m} min ${rest} s` : `${m} min ${rest} s`;
}

export function formatRunDuration(startedAt: string, finishedAt: string): string {
  const a = Date.parse(startedAt);
  const b = Date.parse(finishedAt);
  return Number.isNaN(a) || Number.isNaN(b) ? "" : formatDurationMs(b - a);
}

/**
 * A finding's expected/actual value (any JSON) as display text: strings as they are, a list of scalars as
 * `a, b`, an object of scalars as `vendor: FS, part: X` (how an engineer would write it), anything deeper as JSON.
 */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return value.every(isScalar) ? value.map(String).join(", ") : JSON.stringify(value);
  const entries = Object.entries(value);
  return entries.every(([, v]) => isScalar(v)) ? entries.map(([k, v]) => `${k}: ${String(v)}`).join(", ") : JSON.stringify(value);
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/** Cuts display text at `max` characters, saying where it was cut. */
export function cut(text: string, max: number, marker: string): string {
  return text.length <= max ? text : `${text.slice(0, max)}${marker}`;
}

const STATUS_RANK = new Map<DeviceStatus, number>(DEVICE_STATUSES.map((s, i) => [s, i]));

/**
 * Devices in reading order: blocked first, then error / unreachable / not-run, then warning, then ready
 * (DEVICE_STATUSES order); inventory order within a status (Array.prototype.sort is stable).
 * An unknown status sorts first so a malformed report cannot hide a device at the bottom.
 */
export function devicesInReadingOrder(devices: readonly DeviceResult[]): DeviceResult[] {
  return [...devices].sort((a, b) => (STATUS_RANK.get(a.status) ?? -1) - (STATUS_RANK.get(b.status) ?? -1));
}
