// Writing a user's file without ever losing it: refuse read-only and open (locked) files, write a temporary
// file beside the target with the target's mode, owner and group, then rename it over the target (or copy it
// back where a rename would break a hard link). Temporary files are removed on failure, on Ctrl+C/kill, and
// stale ones that an earlier, killed run left are removed by the next run.
import { closeSync, constants, copyFileSync, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, join } from "node:path";
import { MAX_INPUT_BYTES, MESSAGES } from "../xlsx/errors";

/** A refusal or failure with a Chinese message that names the file and says what to do. */
export class SafeWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SafeWriteError";
  }
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "文件或文件夹不存在，请检查路径。",
  EACCES: "没有访问权限，请检查文件和文件夹的权限。",
  EPERM: "操作不被允许（没有权限或文件受保护），请检查文件的权限和属性。",
  EISDIR: "这是一个文件夹，请给出文件名。",
  ENOTDIR: "路径中有一部分不是文件夹，请检查路径。",
  ENOSPC: "磁盘空间不足，请清理磁盘后重试。",
  EDQUOT: "超出磁盘配额，请清理空间后重试。",
  EROFS: "文件所在的磁盘是只读的，请换一个位置保存。",
  EBUSY: "文件正被其他程序占用（可能在 Excel 或 WPS 中打开），请关闭后重试。",
  ETXTBSY: "文件正被其他程序占用，请关闭后重试。",
  EEXIST: "同名文件已存在。",
  EMFILE: "同时打开的文件太多，请稍后重试。",
  ENFILE: "系统同时打开的文件太多，请稍后重试。",
  ENAMETOOLONG: "文件名或路径太长，请缩短后重试。",
  ELOOP: "路径中的符号链接形成了循环，请检查路径。",
  EFBIG: "文件太大，超出了文件系统的限制。",
  EIO: "读写磁盘时出错（磁盘或网络盘可能有故障），请检查后重试。",
  EXDEV: "不能跨磁盘移动文件，请换一个位置保存。",
  EINVAL: "文件名或路径无效，请检查。",
  EAGAIN: "文件暂时无法访问，请稍后重试。",
  ENXIO: "这不是普通文件（设备或管道），无法读写。",
  ENODEV: "这不是普通文件（设备），无法读写。",
  ERR_FS_FILE_TOO_LARGE: "文件太大，无法读取。",
};

/** A file system error as a Chinese reason with what to do; never the English errno text. */
export function fileReason(e: unknown): string {
  if (e instanceof SafeWriteError) return e.message;
  const code = (e as { code?: string } | null)?.code;
  if (code && ERRNO_TEXT[code]) return ERRNO_TEXT[code];
  return code ? `读写文件时出错（系统代码 ${code}），请检查文件和磁盘后重试。` : "读写文件时出错，请检查文件和磁盘后重试。";
}

/** Why a path cannot be read as an input file (null when it can): missing, a folder, a device or pipe, too large. */
export function inputProblem(path: string, expect: string): string | null {
  let st: Stats | undefined;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    return `无法读取 ${path}：${fileReason(e)}`;
  }
  if (!st) {
    // A name that is not UTF-8 (GBK, from a zip made on Chinese Windows) reaches Node with U+FFFD and opens nothing.
    if (path.includes("\uFFFD")) return `无法读取 ${path}：文件名中有无法识别的字符（多半是在中文 Windows 上以 GBK 编码保存的文件名），请把文件改名后再试。`;
    return `无法读取 ${path}：文件不存在，请检查文件名和路径。`;
  }
  if (st.isDirectory()) return `无法读取 ${path}：这是一个文件夹，请给出${expect}文件。`;
  if (!st.isFile()) return `无法读取 ${path}：这不是普通文件（而是设备、管道或套接字），请给出${expect}文件。`;
  if (st.size > MAX_INPUT_BYTES) return `无法读取 ${path}：${MESSAGES.inputTooLarge(st.size)}`;
  return null;
}

/** Lock files Excel (~$name), WPS (.~name#, ~$name) and LibreOffice (.~lock.name#) keep beside an open file. */
export function lockFileOf(path: string): string | null {
  const dir = dirname(path);
  const name = basename(path);
  const candidates = [`~$${name}`, `~$${name.slice(2)}`, `.~${name}#`, `.~${name}`, `.~lock.${name}#`];
  for (const c of candidates) {
    if (c === "~$") continue;
    try {
      if (lstatSync(join(dir, c), { throwIfNoEntry: false })) return join(dir, c);
    } catch {
      // unreadable folder: the write itself will say so
    }
  }
  return null;
}

/** Why the existing file at `path` must not be replaced (null when it may): special, read-only, open elsewhere. */
export function replaceProblem(path: string): string | null {
  let st: Stats | undefined;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    return `无法写入 ${path}：${fileReason(e)}`;
  }
  if (!st) return null;
  if (st.isDirectory()) return `无法写入 ${path}：这是一个文件夹，请给出文件名。`;
  if (!st.isFile()) return `无法写入 ${path}：这不是普通文件（而是设备、管道或套接字），未做任何改动。请给出 .xlsx 文件。`;
  // The owner's write bit, not access(): root may write anything, but a file marked read-only means "keep".
  if ((st.mode & 0o200) === 0) return `未修改 ${path}：文件是只读的，未做任何改动。如确需修改，请先取消只读属性，或用 -o 另存为新文件。`;
  const lock = lockFileOf(path);
  if (lock) {
    return (
      `未修改 ${path}：文件可能正在 Excel 或 WPS 中打开（发现锁定文件 ${basename(lock)}），未做任何改动。` +
      `请先在 Excel 或 WPS 中关闭该文件再试；如果没有打开，可删除该锁定文件后重试。`
    );
  }
  return null;
}

// ---------- temporary files ----------

const TEMP_TAG = ".~bd";
const live = new Set<string>();
let guarded = false;

function removeLive(): void {
  for (const p of live) {
    try {
      unlinkSync(p);
    } catch {
      // already gone
    }
  }
  live.clear();
}

/** On Ctrl+C, kill or exit, remove the temporary files of writes in progress, then end as the signal would. */
function guardSignals(): void {
  if (guarded) return;
  guarded = true;
  process.on("exit", removeLive);
  for (const [sig, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
    process.on(sig, () => {
      removeLive();
      process.exit(code);
    });
  }
}

function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_TAG}${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM"; // exists, owned by someone else
  }
}

/** Removes temporary files of this target left by earlier runs that were killed (their process is gone). */
export function removeStaleTemps(target: string): number {
  const dir = dirname(target);
  const prefix = `.${basename(target)}`;
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith(".tmp")) continue;
    const rest = n.slice(prefix.length);
    // ".~bd<pid>-<rand>.tmp" (this code) or ".<pid>.<time>.tmp" (earlier versions)
    const m = new RegExp(`^${TEMP_TAG.replace(/[.~]/g, "\\$&")}(\\d+)-[0-9a-z]+\\.tmp$`).exec(rest) ?? /^\.(\d+)\.\d+\.tmp$/.exec(rest);
    if (!m || alive(Number(m[1]))) continue;
    try {
      unlinkSync(join(dir, n));
      removed++;
    } catch {
      // not ours to remove after all
    }
  }
  return removed;
}

/** A symbolic link's file (renaming over the link would replace the link with a copy and leave its file as it was). */
function throughLinks(path: string): string {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
  } catch {
    return path; // missing, or a broken link: written where it stands
  }
}

/**
 * Writes `data` to `path` safely (through a symbolic link, to the file it points to). A new file gets the default
 * mode; an existing one keeps its mode, owner, group and hard links, and is refused when read-only, open in Excel/WPS
 * or not a regular file.
 */
export function writeFileSafely(path: string, data: Uint8Array): void {
  const target = throughLinks(path);
  const problem = replaceProblem(target);
  if (problem) throw new SafeWriteError(problem);
  const dir = dirname(target);
  let dirStat: Stats | undefined;
  try {
    dirStat = statSync(dir, { throwIfNoEntry: false });
  } catch (e) {
    throw new SafeWriteError(`无法写入 ${target}：${fileReason(e)}`);
  }
  if (!dirStat?.isDirectory()) throw new SafeWriteError(`无法写入 ${target}：文件夹 ${dir} 不存在，请先创建该文件夹或换一个位置。`);
  const old = statSync(target, { throwIfNoEntry: false });
  removeStaleTemps(target);
  guardSignals();
  const tmp = tempName(target);
  live.add(tmp);
  try {
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, old ? old.mode & 0o7777 : 0o666);
    try {
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      if (old) {
        try {
          fchownSync(fd, old.uid, old.gid);
        } catch {
          // only root may give a file away; the group is kept where we are a member
          try {
            fchownSync(fd, -1, old.gid);
          } catch {
            // keep the default group
          }
        }
        fchmodSync(fd, old.mode & 0o7777); // after chown, which clears set-id bits
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (old && old.nlink > 1) {
      // A rename would leave the other names pointing at the old contents: write through the same inode.
      try {
        copyFileSync(tmp, target);
      } catch (e) {
        // The original may be half written now: keep the complete new copy and say where it is.
        live.delete(tmp);
        throw new SafeWriteError(`写入 ${target} 时出错：${fileReason(e)}完整的新内容保存在 ${tmp}，请把它改名为原文件名。`);
      }
      unlinkSync(tmp);
    } else {
      renameSync(tmp, target);
    }
  } catch (e) {
    if (e instanceof SafeWriteError) throw e;
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw new SafeWriteError(`无法写入 ${target}：${fileReason(e)}${old ? "原文件未改动。" : ""}`);
  } finally {
    live.delete(tmp);
  }
}
