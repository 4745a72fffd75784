// The CSV inventory, as exported from a CMDB: one device per row, header `name,host,port,platform,groups,
// target_version` (port, groups, target_version, tags and site optional; lists separated by `;`). No inheritance and no
// credential sets: every device uses the built-in `default` set. Every problem is reported at once, at line:col.
import { CsvError, parse } from "csv-parse/sync";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { knownPlatforms } from "../platforms/registry.js";
import { builtinCredentialSet, DEFAULT_CREDENTIAL_SET } from "./credential-sets.js";
import { plainSecretMessage, secretKind } from "./plain-secrets.js";
import type { Device, InventoryParseResult } from "./types.js";

const REQUIRED = ["name", "host", "platform"] as const;
const COLUMNS = ["name", "host", "port", "platform", "groups", "target_version", "tags", "site"] as const;
const DEFAULT_PORT = 22;

type Column = (typeof COLUMNS)[number];

function isColumn(name: string): name is Column {
  return (COLUMNS as readonly string[]).includes(name);
}

/** One data row: its cells by column, and where each cell starts (for diagnostics). */
interface Row {
  line: number;
  cells: string[];
  cols: number[];
}

export function parseCsvInventory(text: string, file: string): InventoryParseResult {
  let rows: Row[];
  try {
    rows = readRows(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" ? error.lines : 0;
    return { diagnostics: [{ file, line, col: 0, message: `invalid CSV: ${error.message}` }] };
  }
  const [header, ...data] = rows;
  if (header === undefined) {
    return { diagnostics: [{ file, line: 0, col: 0, message: `the inventory is empty: expected a header ${COLUMNS.join(",")}` }] };
  }
  const diagnostics: Diagnostic[] = [];
  const at = (row: Row, field: number, message: string): void => {
    diagnostics.push({ file, line: row.line, col: row.cols[field] ?? 1, message });
  };
  const columns = readHeader(header, at);
  const credentials = { [DEFAULT_CREDENTIAL_SET]: builtinCredentialSet() };
  const firstLine = new Map<string, number>();
  const ctx: RowContext = { columns, width: header.cells.length, at, credentials: credentials[DEFAULT_CREDENTIAL_SET] };
  const devices = data.map((row, index) => {
    const device = readDevice(row, index, ctx);
    const seen = firstLine.get(device.name);
    if (seen !== undefined) at(row, columns.get("name") ?? 0, `duplicate device "${device.name}" (first defined at line ${seen})`);
    else if (device.name !== "") firstLine.set(device.name, row.line);
    return device;
  });
  if (diagnostics.length > 0) return { diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.col - b.col) };
  return { inventory: { file, devices, credentialSets: credentials }, diagnostics };
}

type Report = (row: Row, field: number, message: string) => void;

/** Rows with their starting line and cell columns; blank rows (Excel pads exports with `,,,,`) are dropped. */
function readRows(text: string): Row[] {
  // csv-parse's typings do not describe `info: true`, which wraps each record as { record, info }.
  const records = parse(text, {
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    comment: "#",
    comment_no_infix: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  return records
    .filter(({ record }) => record.some((cell) => cell !== ""))
    .map(({ record, info }) => {
      // info.lines is the line the record ends on; a quoted cell may span lines.
      const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      return { line, cells: record, cols: fieldColumns(lines[line - 1] ?? "") };
    });
}

/** 1-based column where each field of a CSV line starts (past leading blanks, which the parser trims). */
function fieldColumns(line: string): number[] {
  const cols: number[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (i === line.length || (ch === "," && !quoted)) {
      cols.push(start + (line.slice(start, i).length - line.slice(start, i).trimStart().length) + 1);
      start = i + 1;
    }
  }
  return cols;
}

/** Column name -> field index; reports unknown, duplicate and missing columns. */
function readHeader(header: Row, at: Report): Map<Column, number> {
  const columns = new Map<Column, number>();
  header.cells.forEach((cell, i) => {
    const name = cell.toLowerCase();
    const kind = secretKind(name);
    if (isColumn(name) && columns.has(name)) at(header, i, `duplicate column "${name}"`);
    else if (isColumn(name)) columns.set(name, i);
    else if (kind) at(header, i, `column "${cell}": ${plainSecretMessage(kind)}`);
    else at(header, i, `unknown column "${cell}"${didYouMeanHint(name, COLUMNS)}; expected columns: ${COLUMNS.join(", ")}`);
  });
  for (const name of REQUIRED) {
    if (!columns.has(name)) at(header, 0, `missing column "${name}": the header must name ${REQUIRED.join(", ")}`);
  }
  return columns;
}

interface RowContext {
  columns: Map<Column, number>;
  /** Number of header cells: a row with more fields has lost a delimiter or gained one. */
  width: number;
  at: Report;
  credentials: Device["credentials"];
}

function readDevice(row: Row, index: number, ctx: RowContext): Device {
  const { columns, at } = ctx;
  if (row.cells.length > ctx.width) at(row, ctx.width, `row has ${row.cells.length} fields but the header has ${ctx.width}`);
  const cell = (column: Column): string => row.cells[columns.get(column) ?? -1] ?? "";
  const field = (column: Column): number => columns.get(column) ?? 0;
  for (const column of REQUIRED) {
    if (columns.has(column) && cell(column) === "") at(row, field(column), `empty ${column}: every device needs a ${column}`);
  }
  const platform = cell("platform");
  const platforms = knownPlatforms();
  if (platform !== "" && !platforms.includes(platform)) {
    const hint = didYouMeanHint(platform, platforms);
    at(row, field("platform"), `unknown platform "${platform}"${hint}; supported: ${platforms.join(", ")}`);
  }
  const device: Device = {
    index,
    name: cell("name"),
    host: cell("host"),
    port: readPort(cell("port"), () => at(row, field("port"), `bad port "${cell("port")}": expected a port number from 1 to 65535`)),
    platform,
    groups: list(cell("groups")),
    tags: list(cell("tags")),
    credentials: ctx.credentials,
    vars: {},
  };
  const target = cell("target_version");
  if (target !== "") device.targetVersion = target;
  const site = cell("site");
  if (site !== "") {
    if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(site)) device.site = site;
    else at(row, field("site"), `bad site "${site}": use letters, digits, '.', '_' and '-', starting with a letter or digit`);
  }
  return device;
}

function readPort(text: string, onBad: () => void): number {
  if (text === "") return DEFAULT_PORT;
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (port >= 1 && port <= 65535) return port;
  onBad();
  return DEFAULT_PORT;
}

/** `a; b;;a` -> [a, b]: a CMDB cell listing groups or tags. */
function list(text: string): string[] {
  return [...new Set(text.split(";").map((s) => s.trim()).filter((s) => s !== ""))];
}
