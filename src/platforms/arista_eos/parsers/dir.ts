// The `eos-dir` parser: `dir flash:` (and `dir /recursive ...`) -> the files of each listed directory and the
// file system's size and free space, as EOS prints them:
//
//   Directory of flash:/
//
//          -rwx   591941836            Aug 2  2017  EOS-4.18.3.1F.swi
//          drwx        4096            Apr 3 10:29  persist
//
//   3519041536 bytes total (1725112320 bytes free)
//
// (real capture: fixtures/arista_eos/dir_flash, ntc-templates). A file system without space information prints
// "No space information available": the sizes are then absent, never zero. Any line that is none of these is an
// error: the listing is the evidence that an image is there, so a guess would be worse than no answer.
import { ParseError, type Parser } from "../../../parse/types.js";

export interface EosDirEntry {
  name: string;
  /** The directory listed, as EOS names it (`flash:/`, `flash:/persist`). */
  directory: string;
  permissions: string;
  is_directory: boolean;
  size: number;
  date: string;
}

export interface EosDirListing {
  /** The first directory listed. */
  directory: string;
  files: EosDirEntry[];
  total_bytes?: number;
  free_bytes?: number;
}

const HEADER = /^Directory of (\S+)\s*$/;
const ENTRY = /^\s+(?<perm>[-dl][-r][-w][-x])\s+(?<size>\d+)\s+(?<date><no date>|[A-Z][a-z]{2}\s+\d{1,2}\s+(?:\d{4}|\d{1,2}:\d{2}))\s+(?<name>\S(?:.*\S)?)\s*$/;
const SPACE = /^\s*(\d+) bytes total \((\d+) bytes free\)\s*$/;
const NO_SPACE = /^\s*No space information available\s*$/;
const NO_FILES = /^\s*No files in directory\s*$/;

export const parseEosDir: Parser = (raw) => {
  const lines = raw.replace(/\r\n/g, "\n").split("\n");
  let directory: string | undefined;
  let first: string | undefined;
  const files: EosDirEntry[] = [];
  const listing: Partial<EosDirListing> = {};
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const header = HEADER.exec(line);
    if (header) {
      directory = header[1] as string;
      first ??= directory;
      return;
    }
    if (directory === undefined) throw new ParseError(`expected "Directory of <path>", found "${line.trim().slice(0, 80)}"`, i + 1);
    const entry = ENTRY.exec(line);
    if (entry?.groups) {
      const g = entry.groups as Record<string, string>;
      const size = Number(g.size);
      if (!Number.isSafeInteger(size)) throw new ParseError(`file size "${g.size}" is too large to read exactly`, i + 1);
      files.push({ name: g.name as string, directory, permissions: g.perm as string, is_directory: g.perm?.startsWith("d") ?? false, size, date: (g.date as string).replace(/\s+/g, " ") });
      return;
    }
    const space = SPACE.exec(line);
    if (space) {
      const total = Number(space[1]);
      const free = Number(space[2]);
      if (!Number.isSafeInteger(total) || !Number.isSafeInteger(free) || free > total) throw new ParseError(`impossible sizes: ${space[1]} bytes total, ${space[2]} free`, i + 1);
      listing.total_bytes = total;
      listing.free_bytes = free;
      return;
    }
    if (NO_SPACE.test(line) || NO_FILES.test(line)) return;
    throw new ParseError(`not a line of "dir": "${line.trim().slice(0, 80)}"`, i + 1);
  });
  if (first === undefined) throw new ParseError('no "Directory of <path>" line: not the output of "dir"');
  return { directory: first, files, ...listing } satisfies EosDirListing;
};
