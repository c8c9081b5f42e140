// Everything the CLI does to the outside world, behind one interface so tests can capture output.
import { promises as fsp, readFileSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { useNodeCodec } from "../xlsx/inflate-node";
import { inputProblem, replaceProblem, writeFileSafely } from "./safe-write";

// The CLI inflates with node:zlib (native) rather than the browser's pure-JS inflate.
useNodeCodec();

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  /** Device and inode: one file under two names (a hard or symbolic link) has one id. */
  id?: string;
}

export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
  /** A symbolic link whose target cannot be reached (gone, or a loop). */
  broken?: boolean;
}

export interface CliFs {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** null when nothing is at the path. */
  stat(path: string): Promise<FileStat | null>;
  /** Entries of a folder; a symbolic link counts as what it points to (a broken one as neither). */
  readDir(path: string): Promise<DirEntry[]>;
  /** The path with every symbolic link resolved (to notice a folder reached twice through links). */
  realpath?(path: string): Promise<string>;
  mkdir(path: string): Promise<void>;
  /** Why the path cannot be read as an input (missing, folder, device or pipe, too large), in Chinese; null when it can. */
  inputProblem(path: string, expect: string): Promise<string | null>;
  /** Why an existing file must not be replaced (read-only, open in Excel/WPS, not a regular file); null when it may. */
  replaceProblem(path: string): Promise<string | null>;
  /** Writes through a temporary file beside the target, keeping an existing file's mode, owner, group and links. */
  replaceFile(path: string, data: Uint8Array): Promise<void>;
}

export interface CliIo {
  /** Text as given (the caller ends lines with "\n"). */
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal: progress lines are shown only then. */
  isTTY: boolean;
  fs: CliFs;
  /** Today, for the default budget year of `init`. */
  now(): Date;
}

// Reads and stats are synchronous: the CLI handles one file at a time, and for the small files of a batch
// the promise/thread-pool round trip of fs.promises costs more (≈1 ms a file) than the read itself.
export const nodeFs: CliFs = {
  async readFile(path) {
    return new Uint8Array(readFileSync(path));
  },
  async writeFile(path, data) {
    await fsp.writeFile(path, data, { flag: "wx" });
  },
  rename: (from, to) => fsp.rename(from, to),
  async remove(path) {
    await fsp.rm(path, { force: true });
  },
  async stat(path) {
    try {
      const s = statSync(path, { throwIfNoEntry: false });
      return s ? { isFile: s.isFile(), isDirectory: s.isDirectory(), id: `${s.dev}:${s.ino}` } : null;
    } catch {
      return null; // no access: reported when the file is read
    }
  },
  async readDir(path) {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    return entries.map((e) => {
      if (!e.isSymbolicLink()) return { name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() };
      // Follow links, as the shell does; a link in a loop (ELOOP) is broken too, not the end of the folder.
      let s;
      try {
        s = statSync(join(path, e.name), { throwIfNoEntry: false });
      } catch {
        s = undefined;
      }
      return { name: e.name, isDirectory: s?.isDirectory() ?? false, isFile: s?.isFile() ?? false, broken: s === undefined };
    });
  },
  async realpath(path) {
    return realpathSync(path);
  },
  async mkdir(path) {
    await fsp.mkdir(path, { recursive: true });
  },
  inputProblem: async (path, expect) => inputProblem(path, expect),
  replaceProblem: async (path) => replaceProblem(path),
  replaceFile: async (path, data) => writeFileSafely(path, data),
};

let pipeGuard = false;

/** A reader that stops early (`| head`) closes the pipe: end quietly instead of printing a stack trace. */
function guardPipes(): void {
  if (pipeGuard) return;
  pipeGuard = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

/**
 * Text for a terminal: control characters from a file (a sheet name, a cell, a file name with ESC sequences that
 * clear the screen or retitle the window, a CR that hides what precedes it) shown as symbols (␛, ␍), never
 * obeyed. Line ends, tabs and the CLI's own progress line ("\r\x1b[K") stay; JSON escapes its own.
 */
export function terminalSafe(text: string): string {
  return text.replace(/\r\x1b\[K|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => (c.length > 1 ? c : c <= "\x1f" ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : c === "\x7f" ? "\u2421" : "\ufffd"));
}

/** The real process: stdout/stderr, the file system, the clock. Parts can be replaced (tests capture output). */
export function nodeIo(overrides: Partial<CliIo> = {}): CliIo {
  if (!overrides.stdout || !overrides.stderr) guardPipes();
  return {
    stdout: (t) => process.stdout.write(terminalSafe(t)),
    stderr: (t) => process.stderr.write(terminalSafe(t)),
    isTTY: Boolean(process.stderr.isTTY),
    fs: nodeFs,
    now: () => new Date(),
    ...overrides,
  };
}
