// Where templates come from: a template directory (an `index` file and the `.textfsm` files it names). preflight
// ships a pinned copy of ntc-templates' directory (vendor/ntc-templates, written by scripts/textfsm-vendor.ts at
// development time, with its licence and commit); a user may point at their own checkout instead (`--templates DIR`,
// or the directory itself). A template is named by its file name without `.textfsm` (cisco_ios_show_version), found
// through the index by platform and command as netmiko does, or given as a path.
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { matchIndex, parseIndex, type TemplateIndex } from "./index-file.js";
import { parseText, type ParseOptions, type TextFSMRecord } from "./parse.js";
import { parseTemplate, type Template } from "./template.js";

export class TemplateNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateNotFoundError";
  }
}

/** Read and compile one template file (errors carry file:line:col). */
export function loadTemplateFile(path: string): Template {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new TemplateNotFoundError(`cannot read template ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseTemplate(text, path);
}

export class TemplateLibrary {
  private index?: TemplateIndex;
  private readonly cache = new Map<string, Template>();

  /** `dir` holds `index`; an ntc-templates checkout's root is accepted too (its ntc_templates/templates is used). */
  constructor(dir: string) {
    const nested = join(dir, "ntc_templates", "templates");
    this.dir = resolve(!existsSync(join(dir, "index")) && existsSync(join(nested, "index")) ? nested : dir);
  }

  readonly dir: string;

  indexFile(): TemplateIndex {
    if (!this.index) {
      const file = join(this.dir, "index");
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (err) {
        throw new TemplateNotFoundError(`${this.dir} is not a template directory: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      this.index = parseIndex(text, file);
    }
    return this.index;
  }

  /** A template by name (`cisco_ios_show_version` or `cisco_ios_show_version.textfsm`), compiled once. */
  template(name: string): Template {
    const file = name.endsWith(".textfsm") ? name : `${name}.textfsm`;
    let template = this.cache.get(file);
    if (!template) {
      const path = join(this.dir, file);
      if (!existsSync(path)) throw new TemplateNotFoundError(`no template "${name}" in ${this.dir}${this.suggest(name)}`);
      template = loadTemplateFile(path);
      this.cache.set(file, template);
    }
    return template;
  }

  private suggest(name: string): string {
    const known = [...new Set(this.indexFile().rows.flatMap((r) => r.templates.map((t) => t.replace(/\.textfsm$/, ""))))];
    const near = known.filter((k) => k.startsWith(name.replace(/\.textfsm$/, "").split("_").slice(0, 2).join("_"))).slice(0, 5);
    return near.length ? `; templates for that platform include ${near.join(", ")}` : "";
  }

  /** The templates the index chooses for a platform and command (first matching row wins), or undefined. */
  lookup(platform: string, command: string): { templates: Template[]; row: number } | undefined {
    const row = matchIndex(this.indexFile(), { Platform: platform, Command: command });
    if (!row) return undefined;
    return { templates: row.templates.map((t) => this.template(t)), row: row.line };
  }

  /** Like lookup(), but an error naming the platform and command when the index has no row for them. */
  templatesFor(platform: string, command: string): Template[] {
    const found = this.lookup(platform, command);
    if (!found) throw new TemplateNotFoundError(`the index ${join(this.dir, "index")} has no template for platform "${platform}" command "${command}"`);
    return found.templates;
  }

  parse(platform: string, command: string, text: string, options?: ParseOptions): TextFSMRecord[] {
    return parseText(this.templatesFor(platform, command), text, { clitable: true, ...options });
  }
}

/** The pinned ntc-templates copy shipped with preflight (vendor/ntc-templates/templates). */
export function bundledTemplatesDir(): string {
  // src/textfsm/library.ts and dist/src/textfsm/library.js both sit two or three levels under the package root.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, "vendor", "ntc-templates", "templates");
    if (existsSync(join(candidate, "index"))) return candidate;
    dir = dirname(dir);
  }
  throw new TemplateNotFoundError("the bundled ntc-templates copy (vendor/ntc-templates/templates) is missing; run `npm run textfsm:vendor -- PATH_TO_NTC_TEMPLATES` or give --templates DIR");
}

let bundled: TemplateLibrary | undefined;
export function bundledLibrary(): TemplateLibrary {
  bundled ??= new TemplateLibrary(bundledTemplatesDir());
  return bundled;
}

/** A reference with a path separator (`./my.textfsm`) is a file, resolved against `base`; otherwise a name (undefined). */
export function templatePath(ref: string, base: string): string | undefined {
  if (!ref.includes("/") && !ref.includes("\\")) return undefined;
  return isAbsolute(ref) ? ref : resolve(base, ref);
}
