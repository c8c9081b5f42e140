// A folder check on every core: a pool of worker threads (one per core), each checking one file at a time;
// results are handed back in the order of the files, whatever order the workers finish in.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { CheckFileOptions, CheckFileResult } from "./check-file";

/** How many workers a batch of `files` gets: 0 means check in this thread (few files, one core, or turned off). */
export function poolSize(files: number): number {
  const env = process.env.BUDGET_DISCLOSURE_WORKERS;
  const cores = env !== undefined && /^\d+$/.test(env) ? Number(env) : availableParallelism();
  // A worker costs ~30 ms to start: below a handful of files one thread is faster.
  if (cores <= 1 || files < 4) return 0;
  return Math.min(cores, files);
}

function startWorker(): Worker {
  // The bundled CLI ships check-worker.cjs next to main.cjs; from source (tests, npm run cli) tsx compiles it.
  const bundled = join(__dirname, "check-worker.cjs");
  if (existsSync(bundled)) return new Worker(bundled);
  const source = join(__dirname, "check-worker.ts");
  return new Worker(`require("tsx/cjs"); require(${JSON.stringify(source)});`, { eval: true });
}

export async function checkInPool(
  files: string[],
  options: CheckFileOptions,
  size: number,
  onResult: (i: number, result: CheckFileResult) => void,
): Promise<void> {
  const results = new Map<number, CheckFileResult>();
  let next = 0; // next file to send
  let flushed = 0; // next file to hand back
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const send = (w: Worker) => {
        if (next < files.length) {
          const i = next++;
          w.postMessage({ i, file: files[i], options });
        }
      };
      for (let n = 0; n < size; n++) {
        const w = startWorker();
        workers.push(w);
        w.on("message", (m: { i: number; result?: CheckFileResult; crash?: string }) => {
          if (m.crash !== undefined) return reject(new Error(m.crash));
          results.set(m.i, m.result!);
          try {
            while (results.has(flushed)) {
              const r = results.get(flushed)!;
              results.delete(flushed);
              onResult(flushed++, r);
            }
          } catch (e) {
            return reject(e);
          }
          if (flushed === files.length) resolve();
          else send(w);
        });
        w.on("error", reject);
        w.on("exit", (code) => {
          if (flushed < files.length && code !== 0) reject(new Error(`检查进程意外退出（代码 ${code}）`));
        });
        send(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
