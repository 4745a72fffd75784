// The tool's own name and version, as reports record them.
import { readFileSync } from "node:fs";
import { packagePath } from "./package-root.js";

const pkg = JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { name: string; version: string };

export const TOOL = { name: pkg.name, version: pkg.version };
