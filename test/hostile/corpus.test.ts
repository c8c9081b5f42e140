// The hostile corpus (scripts/hostile-corpus.ts) through the real CLI in a child process: the exit code and the
// Chinese message expected, within a time and memory bound, and for fills a cell-by-cell proof that nothing
// outside the derived amount cells changed. The corpus is built once, in a temporary folder.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildCorpus, type FillProof, type HostileCase } from "../../scripts/hostile-corpus";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { a1, type WorkbookSnapshot } from "../../src/core/snapshot";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "budget-disclosure.js");
const PEAK = path.join(__dirname, "peak-rss.js");

interface Ran {
  code: number | null;
  signal: string | null;
  out: string;
  err: string;
  seconds: number;
  peakMB: number;
}

function runCli(args: string[], maxSeconds: number): Promise<Ran> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ["-r", PEAK, BIN, ...args], { cwd: os.tmpdir(), stdio: ["ignore", "pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let rss = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (err += d));
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (d) => (rss += d));
    // Past the bound the run has failed anyway; kill it so that the suite still ends.
    const timer = setTimeout(() => child.kill("SIGKILL"), maxSeconds * 1000 + 5000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err, seconds: (Date.now() - t0) / 1000, peakMB: Number(rss) / 1024 });
    });
  });
}

function cells(s: WorkbookSnapshot): Map<string, string> {
  const m = new Map<string, string>();
  for (const sh of s.sheets) {
    sh.rows.forEach((r, row) =>
      r.forEach((v, col) => {
        const f = sh.formulas?.[row]?.[col];
        if (v !== null || f) m.set(`${sh.name}!${a1(row, col)}`, JSON.stringify([v, f ?? null]));
      }),
    );
  }
  return m;
}

/** Every cell that differs between input and output was reported as a fill write; the protected ones did not change. */
async function proveFill(proof: FillProof, reported: Set<string>): Promise<void> {
  const before = cells((await readSnapshot(fs.readFileSync(proof.input))).snapshot);
  const after = cells((await readSnapshot(fs.readFileSync(proof.output))).snapshot);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
  for (const k of changed) assert.ok(reported.has(k), `${k} changed without being a reported write: ${before.get(k)} → ${after.get(k)}`);
  for (const k of proof.mustKeep) assert.equal(after.get(k), before.get(k), `${k} must not change`);
  for (const [k, v] of Object.entries(proof.mustWrite ?? {})) assert.equal(JSON.parse(after.get(k) ?? "[null]")[0], v, `${k} filled`);
  assert.ok(changed.length > 0 || Object.keys(proof.mustWrite ?? {}).length === 0);
}

describe("hostile corpus through the CLI (child processes)", function () {
  this.timeout(600_000);
  let dir: string;
  let cases: HostileCase[] = [];

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "budget-hostile-"));
    cases = await buildCorpus(dir);
  });
  after(() => {
    if (dir) {
      for (const f of fs.readdirSync(dir)) if (f === "只读.xlsx") fs.chmodSync(path.join(dir, f), 0o644);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("every case ends with its exit code and Chinese message, in bounded time and memory", async () => {
    assert.ok(cases.length >= 20);
    const failures: string[] = [];
    for (const c of cases) {
      c.setup?.();
      // For fills, ask for the JSON change list as well: it names every cell written.
      const args = c.fill ? [...c.args, "--json"] : c.args;
      const r = await runCli(args, c.maxSeconds);
      const text = r.out + r.err;
      const problems: string[] = [];
      if (r.code !== c.code) problems.push(`exit ${r.code ?? r.signal}, expected ${c.code}`);
      const shown = c.fill ? textOfJson(r.out) + r.err : text;
      if (!c.message.test(shown)) problems.push(`message ${c.message} not in: ${shown.slice(0, 600)}`);
      if (c.never?.test(text)) problems.push(`output has ${c.never}: ${(c.never.exec(text)?.[0] ?? "").slice(0, 80)}`);
      if (r.seconds > c.maxSeconds) problems.push(`took ${r.seconds.toFixed(1)} s > ${c.maxSeconds} s`);
      if (!(r.peakMB > 0) || r.peakMB > c.maxMB) problems.push(`peak memory ${r.peakMB.toFixed(0)} MB > ${c.maxMB} MB`);
      if (c.maxOutputBytes && Buffer.byteLength(text) > c.maxOutputBytes) problems.push(`${Buffer.byteLength(text)} bytes of output`);
      if (c.fill && problems.length === 0) {
        try {
          const writes = (JSON.parse(r.out).writes as { sheet: string; cell: string }[]).map((w) => `${w.sheet}!${w.cell}`);
          await proveFill(c.fill, new Set(writes));
        } catch (e) {
          problems.push((e as Error).message);
        }
      }
      if (problems.length) failures.push(`${c.name}: ${problems.join("; ")}`);
    }
    assert.deepEqual(failures, []);
  });

  it("no temporary file is left beside any file of the corpus", () => {
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp")), []);
  });
});

/** The fill's --json output as the text a person would read (its findings' messages). */
function textOfJson(out: string): string {
  try {
    const j = JSON.parse(out) as { left?: { message: string }[] };
    return (j.left ?? []).map((f) => f.message).join("\n");
  } catch {
    return out;
  }
}
