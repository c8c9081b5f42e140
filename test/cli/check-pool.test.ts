// The pool of a folder check: this thread checks files too, a worker takes the others, results come back in order.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { checkFile, type CheckFileResult } from "../../src/cli/check-file";
import { checkInPool, poolSize } from "../../src/cli/check-pool";
import { nodeIo } from "../../src/cli/node-io";

const FIXTURES = join(__dirname, "..", "fixtures");
const io = nodeIo({ stdout: () => undefined, stderr: () => undefined, isTTY: false });
const FILES = ["seed.xlsx", "seed-alt.xlsx", "seed-yuan.xlsx", "missing.xlsx", "libreoffice/seed.xlsx", "seed.xlsx"].map((f) => join(FIXTURES, f));

describe("check pool", function () {
  this.timeout(120_000);
  const saved = process.env.BUDGET_DISCLOSURE_WORKERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.BUDGET_DISCLOSURE_WORKERS;
    else process.env.BUDGET_DISCLOSURE_WORKERS = saved;
  });

  it("by default one thread on 2 cores (faster there), a thread per core from 3 cores", () => {
    delete process.env.BUDGET_DISCLOSURE_WORKERS;
    assert.equal(poolSize(300, 2), 1);
    assert.equal(poolSize(300, 1), 1);
    assert.equal(poolSize(300, 4), 4);
    assert.equal(poolSize(3, 8), 1);
  });

  it("counts this thread among the threads: one core, few files or 1 means this thread alone", () => {
    process.env.BUDGET_DISCLOSURE_WORKERS = "2";
    assert.equal(poolSize(300), 2);
    assert.equal(poolSize(3), 1);
    process.env.BUDGET_DISCLOSURE_WORKERS = "4";
    assert.equal(poolSize(5), 4);
    assert.equal(poolSize(4), 4);
    process.env.BUDGET_DISCLOSURE_WORKERS = "1";
    assert.equal(poolSize(300), 1);
    process.env.BUDGET_DISCLOSURE_WORKERS = "0";
    assert.equal(poolSize(300), 1);
  });

  it("checks files in this thread and a worker, and hands the results back in file order as one thread would", async () => {
    const serial: CheckFileResult[] = [];
    for (const f of FILES) serial.push(await checkFile(io, f, { json: true }));
    const here: string[] = [];
    const order: number[] = [];
    const results: CheckFileResult[] = [];
    await checkInPool(
      FILES,
      { json: true },
      2,
      (file) => {
        here.push(file);
        return checkFile(io, file, { json: true });
      },
      (i, r) => {
        order.push(i);
        results.push(r);
      },
    );
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(results, serial);
    assert.ok(results[3].unreadable && /missing\.xlsx/.test(results[3].stderr + results[3].stdout));
    // The worker gets the first file; this thread takes the next one while the worker starts.
    assert.equal(here[0], FILES[1]);
    assert.ok(here.length < FILES.length, `this thread checked all ${here.length} files`);
  });

  /** The pool's results, in file order, with this thread checking as the CLI does. */
  async function pooled(checkHere = (file: string) => checkFile(io, file, { json: true }), start?: () => Worker): Promise<CheckFileResult[]> {
    const results: CheckFileResult[] = [];
    await checkInPool(FILES, { json: true }, 2, checkHere, (i, r) => void (results[i] = r), start);
    return results;
  }

  /** The real worker, with `before` run first on each file it is sent (to make it die on one). */
  const worker = (before: string) => () =>
    new Worker(
      `const { parentPort } = require("node:worker_threads"); let n = 0; parentPort.on("message", (job) => { n++; ${before} });` +
        `require("tsx/cjs"); require(${JSON.stringify(join(__dirname, "..", "..", "src", "cli", "check-worker.ts"))});`,
      { eval: true },
    );

  const INTERNAL = "时本工具出现了内部错误（这是程序的缺陷，不一定是文件的问题）。请把这条信息和所用的文件一起反馈给维护人员。技术信息：";

  /** Exactly one file's result says the program failed on it, naming it; every other file's is what one thread gives. */
  async function oneFailed(results: CheckFileResult[], tech: string): Promise<number> {
    const serial: CheckFileResult[] = [];
    for (const f of FILES) serial.push(await checkFile(io, f, { json: true }));
    const failed = results.flatMap((r, i) => (r.internal ? [i] : []));
    assert.equal(failed.length, 1, JSON.stringify(results.map((r) => r.stdout.slice(0, 120))));
    const [i] = failed;
    assert.deepEqual(JSON.parse(results[i].stdout), { file: FILES[i], error: `无法检查 ${FILES[i]}：检查工作簿${INTERNAL}${tech}`, internal: true });
    assert.equal(results[i].unreadable, true);
    assert.equal(results.length, FILES.length);
    for (const [k, r] of results.entries()) if (k !== i) assert.deepEqual(r, serial[k], `file ${k}`);
    return i;
  }

  it("a file this thread fails on is that file's result, said to be the program's fault; the rest are checked", async () => {
    // This thread's first file is the second (the worker has the first).
    const results = await pooled((file) => (file === FILES[1] ? Promise.reject(new TypeError("boom")) : checkFile(io, file, { json: true })));
    assert.equal(await oneFailed(results, "TypeError：boom"), 1);
  });

  it("a worker that dies on a file: that file is said to be the program's fault, the file it held next is checked here", async () => {
    // The worker answers file 0, is sent 2 and 3, and dies on receiving 2 while holding 3; this thread holds
    // file 1 until then, so that the worker gets those files.
    let died!: Promise<unknown>;
    const start = () => {
      const w = worker("if (n === 2) process.exit(7);")();
      died = new Promise((r) => w.once("exit", r));
      return w;
    };
    const here: string[] = [];
    const checkHere = async (file: string) => {
      here.push(file);
      await died;
      return checkFile(io, file, { json: true });
    };
    assert.equal(await oneFailed(await pooled(checkHere, start), "检查线程意外退出（代码 7）"), 2);
    assert.deepEqual(here, [FILES[1], FILES[3], FILES[4], FILES[5]]);
  });

  it("a worker that throws: that file names the error; the run goes on", async () => {
    assert.equal(await oneFailed(await pooled(undefined, worker('if (n === 1) throw new TypeError("worker boom");')), "TypeError：worker boom"), 0);
  });

  it("rejects when the caller's handler throws, and stops the worker", async () => {
    await assert.rejects(
      checkInPool(FILES, { json: true }, 2, (file) => checkFile(io, file, { json: true }), (i) => {
        if (i === 2) throw new Error("handler " + i);
      }),
      /handler 2/,
    );
  });
});
