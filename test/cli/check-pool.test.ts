// The pool of a folder check: this thread checks files too, a worker takes the others, results come back in order.
import { strict as assert } from "node:assert";
import { join } from "node:path";
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

  it("rejects when this thread's check fails or the caller's handler throws, and stops the worker", async () => {
    await assert.rejects(
      checkInPool(FILES, { json: true }, 2, () => Promise.reject(new Error("boom")), () => undefined),
      /boom/,
    );
    await assert.rejects(
      checkInPool(FILES, { json: true }, 2, (file) => checkFile(io, file, { json: true }), (i) => {
        if (i === 2) throw new Error("handler " + i);
      }),
      /handler 2/,
    );
  });
});
