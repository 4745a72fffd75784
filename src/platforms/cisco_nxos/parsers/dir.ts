// The `nxos-dir` parser: `dir bootflash:` (or another file system) as NX-OS prints it:
//
//     1410981963    Jul 13 10:05:48 2018  aci-n9000-dk9.13.1.2p.bin
//           4096    Nov 18 15:29:15 2017  .patch/
//
//   Usage for bootflash://
//    1531203584 bytes used
//    2166267904 bytes free
//    3697471488 bytes total
//
// -> { files: [{name, size, directory}], used_bytes, free_bytes, total_bytes, filesystem }. The usage block is
// required: a listing cut before it says nothing about free space, so it is an error.
import { ParseError, type Parser } from "../../../parse/types.js";

export interface NxosDirFile {
  name: string;
  size: number;
  directory: boolean;
}

export interface NxosDir {
  filesystem: string;
  files: NxosDirFile[];
  used_bytes: number;
  free_bytes: number;
  total_bytes: number;
}

const FILE = /^\s*(\d{1,20})\s+[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}\s+(\S.*?)\s*$/;
const USAGE = /^Usage for ([\w-]+:\/*[\w./-]*)\s*$/;
const AMOUNT = /^\s*(\d{1,20}) bytes (used|free|total)\s*$/;

export const parseNxosDir: Parser = (raw) => {
  const files: NxosDirFile[] = [];
  const usage: Partial<Record<"used" | "free" | "total", number>> = {};
  let filesystem: string | undefined;
  const lines = raw.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const f = FILE.exec(line);
    if (f && filesystem === undefined) {
      const name = f[2]!;
      files.push({ name: name.replace(/\/$/, ""), size: Number(f[1]), directory: name.endsWith("/") });
      return;
    }
    const u = USAGE.exec(line.trim());
    if (u) {
      filesystem = u[1]!;
      return;
    }
    const a = AMOUNT.exec(line);
    if (a && filesystem !== undefined) {
      usage[a[2] as "used" | "free" | "total"] = Number(a[1]);
      return;
    }
    throw new ParseError(`not a line of dir output: "${line.trim().slice(0, 80)}"`, i + 1);
  });
  if (filesystem === undefined || usage.free === undefined || usage.used === undefined || usage.total === undefined) {
    throw new ParseError('the listing has no "Usage for" block with bytes used, free and total: cut or not a dir output');
  }
  const result: NxosDir = { filesystem, files, used_bytes: usage.used, free_bytes: usage.free, total_bytes: usage.total };
  return result;
};
