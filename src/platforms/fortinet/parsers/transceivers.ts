// The `fortios-transceivers` parser: `get system interface transceiver` -> one entry per port with an optic
// (vendor, part, serial), the optics inventory the transceiver check iterates over:
//
//   Interface port25 - SFP/SFP+
//     Vendor Name  :  FINISAR CORP.
//     Part No.     :  FTLX8571D3BCL
//     Serial No.   :  AQJ0Q3C
//   Interface port26 - Transceiver is not detected.
//
// No public capture was found: the layout is written from Fortinet's documentation and says so in the fixtures.
// EEPROM strings are trimmed and kept as text. A port block without a vendor or part is an error, not a guess.
import { ParseError, type Parser } from "../../../parse/types.js";

export interface FortiosTransceiver {
  port: string;
  type: string;
  vendor: string;
  part: string;
  serial: string;
}

const PORT = /^Interface (\S+) - (.+?)\s*$/;
const FIELD = /^\s+(Vendor Name|Part No\.|Serial No\.)\s*:\s*(.*?)\s*$/;

export const parseFortiosTransceivers: Parser = (raw) => {
  const lines = raw.replace(/\r\n/g, "\n").split("\n");
  const out: FortiosTransceiver[] = [];
  let current: (Partial<FortiosTransceiver> & { line: number }) | undefined;
  let ports = 0;
  const close = (): void => {
    if (current === undefined) return;
    if (!current.vendor || !current.part) throw new ParseError(`port ${current.port ?? "?"} has an optic (${current.type ?? "?"}) without a vendor name or part number`, current.line);
    out.push({ port: current.port as string, type: current.type as string, vendor: current.vendor, part: current.part, serial: current.serial ?? "" });
    current = undefined;
  };
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const port = PORT.exec(line);
    if (port) {
      close();
      ports++;
      if (!/not detected|not present/i.test(port[2] as string)) current = { port: port[1] as string, type: port[2] as string, line: i + 1 };
      return;
    }
    if (ports === 0) throw new ParseError(`expected "Interface <port> - <type>", found "${line.trim().slice(0, 80)}"`, i + 1);
    const field = FIELD.exec(line);
    if (field && current) {
      const key = field[1] === "Vendor Name" ? "vendor" : field[1] === "Part No." ? "part" : "serial";
      current[key] = field[2] as string;
      return;
    }
    // Other EEPROM and diagnostics lines (wavelength, temperature, ...) are not read; unindented text is unknown.
    if (!/^\s/.test(line)) throw new ParseError(`not a line of get system interface transceiver: "${line.trim().slice(0, 80)}"`, i + 1);
  });
  close();
  if (ports === 0) throw new ParseError('no "Interface <port> - ..." line: not the output of get system interface transceiver');
  return { transceivers: out };
};
