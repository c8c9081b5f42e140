// A folder check on every core: this thread checks files itself while worker threads (one per other core) check
// others, each taking the next file as it finishes one; results are handed back in the order of the files.
// This thread works rather than waits: each isolate pays its own start-up and JIT warm-up (the first files are
// checked at ~3× the steady cost), so an idle coordinator plus one worker per core was slower than one thread.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { CheckFileOptions, CheckFileResult } from "./check-file";

/** How many threads check a batch of `files`, this one included: 1 means this thread alone (few files, one core, or turned off). */
export function poolSize(files: number, cpus = availableParallelism()): number {
  const env = process.env.BUDGET_DISCLOSURE_WORKERS;
  // On 2 cores one thread is faster (npm run bench: 1.2× faster than two): it already keeps the second core busy with
  // V8's garbage collection and compiling, and each extra thread warms up its own code. Threads from 3 cores.
  const cores = env !== undefined && /^\d+$/.test(env) ? Number(env) : cpus >= 3 ? cpus : 1;
  // A worker costs ~30 ms to start and warms up slowly: below a handful of files one thread is faster.
  if (cores <= 1 || files < 4) return 1;
  return Math.min(cores, files);
}

function startWorker(): Worker {
  // The bundled CLI ships check-worker.cjs next to main.cjs; from source (tests, npm run cli) tsx compiles it.
  const bundled = join(__dirname, "check-worker.cjs");
  if (existsSync(bundled)) return new Worker(bundled);
  const source = join(__dirname, "check-worker.ts");
  return new Worker(`require("tsx/cjs"); require(${JSON.stringify(source)});`, { eval: true });
}

// Files a worker holds at once: the next one is already there when it posts a result and this thread is busy.
const AHEAD = 2;

/**
 * Checks `files` on `threads` threads: this one (with `checkHere`) and threads − 1 workers. `onResult` is called
 * in file order; an error it throws, a worker's crash or a failure of `checkHere` rejects.
 */
export async function checkInPool(
  files: string[],
  options: CheckFileOptions,
  threads: number,
  checkHere: (file: string) => Promise<CheckFileResult>,
  onResult: (i: number, result: CheckFileResult) => void,
): Promise<void> {
  const results = new Map<number, CheckFileResult>();
  let next = 0; // next file to check, by whichever thread asks first
  let flushed = 0; // next file to hand back
  let failed = false;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: unknown) => {
        failed = true;
        reject(e);
      };
      const done = (i: number, r: CheckFileResult) => {
        results.set(i, r);
        try {
          while (results.has(flushed)) {
            const x = results.get(flushed)!;
            results.delete(flushed);
            onResult(flushed++, x);
          }
        } catch (e) {
          return fail(e);
        }
        if (flushed === files.length) resolve();
      };
      const send = (w: Worker) => {
        if (next < files.length && !failed) {
          const i = next++;
          w.postMessage({ i, file: files[i], options });
        }
      };
      for (let n = 1; n < threads; n++) {
        const w = startWorker();
        workers.push(w);
        let first = true;
        w.on("message", (m: { i: number; result?: CheckFileResult; crash?: string }) => {
          if (m.crash !== undefined) return fail(new Error(m.crash));
          done(m.i, m.result!);
          // A cold worker holds one file; once it has answered, AHEAD.
          for (let k = first ? AHEAD : 1; k > 0; k--) send(w);
          first = false;
        });
        w.on("error", fail);
        w.on("exit", (code) => {
          if (flushed < files.length && code !== 0) fail(new Error(`检查进程意外退出（代码 ${code}）`));
        });
        send(w);
      }
      // This thread takes files too, one at a time, between the workers' messages.
      void (async () => {
        while (next < files.length && !failed) {
          const i = next++;
          done(i, await checkHere(files[i]));
          // A check may never leave the microtask queue (the file is read synchronously): let the workers' messages in.
          await new Promise<void>((r) => setImmediate(r));
        }
      })().catch(fail);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
