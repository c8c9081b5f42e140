// A folder check on every core: this thread checks files itself while worker threads (one per other core) check
// others, each taking the next file as it finishes one; results are handed back in the order of the files.
// This thread works rather than waits: each isolate pays its own start-up and JIT warm-up (the first files are
// checked at ~3× the steady cost), so an idle coordinator plus one worker per core was slower than one thread.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { notChecked, type CheckFileOptions, type CheckFileResult } from "./check-file";

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
 * Checks `files` on `threads` threads: this one (with `checkHere`) and threads − 1 workers (made by `start`). `onResult`
 * is called in file order. A file that fails in `checkHere`, or that a worker was checking when it died, is that file's
 * result (not checked, naming it); the others are checked as usual. An error `onResult` throws rejects.
 */
export async function checkInPool(
  files: string[],
  options: CheckFileOptions,
  threads: number,
  checkHere: (file: string) => Promise<CheckFileResult>,
  onResult: (i: number, result: CheckFileResult) => void,
  start: () => Worker = startWorker,
): Promise<void> {
  const results = new Map<number, CheckFileResult>();
  let next = 0; // next file to check, by whichever thread asks first
  let flushed = 0; // next file to hand back
  let failed = false;
  const retry: number[] = []; // files a dead worker held but had not begun: this thread checks them
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
      // This thread takes files too, one at a time, between the workers' messages; first those a dead worker left.
      let working = false;
      const take = () => (failed ? undefined : (retry.shift() ?? (next < files.length ? next++ : undefined)));
      const workHere = async () => {
        if (working) return;
        working = true;
        for (let i = take(); i !== undefined; i = take()) {
          const file = files[i];
          done(i, await checkHere(file).catch((e: unknown) => notChecked(file, e, options)));
          // A check may never leave the microtask queue (the file is read synchronously): let the workers' messages in.
          await new Promise<void>((r) => setImmediate(r));
        }
        working = false;
      };
      for (let n = 1; n < threads; n++) {
        const w = start();
        workers.push(w);
        const held: number[] = []; // files sent to this worker, in the order it checks them
        let first = true;
        let dead = false;
        const send = () => {
          if (next < files.length && !failed && !dead) {
            const i = next++;
            held.push(i);
            w.postMessage({ i, file: files[i], options });
          }
        };
        // A worker that dies (out of memory, a crash) fails the file it was checking; the rest go on.
        const died = (why: unknown) => {
          dead = true;
          if (failed || flushed === files.length || held.length === 0) return;
          const [i, ...waiting] = held.splice(0);
          retry.push(...waiting);
          done(i, notChecked(files[i], why, options));
          workHere().catch(fail);
        };
        w.on("message", (m: { i: number; result: CheckFileResult }) => {
          if (dead) return;
          held.splice(held.indexOf(m.i), 1);
          done(m.i, m.result);
          // A cold worker holds one file; once it has answered, AHEAD.
          for (let k = first ? AHEAD : 1; k > 0; k--) send();
          first = false;
        });
        w.on("error", died);
        w.on("exit", (code) => died(`检查线程意外退出（代码 ${code}）`));
        send();
      }
      workHere().catch(fail);
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
