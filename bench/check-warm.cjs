// The built CLI's `check --json FOLDER`, twice in one process: bench/run.ts times ExcelJS's bare load in its own
// process after its first round, and this is the check on the same terms. The first pass warms V8 up (it compiles
// the engine as it compiled ExcelJS), the second is timed. Writes the timed pass's wall and CPU ms to
// $BENCH_WARM_FILE as JSON; the reports themselves go to stdout as the command prints them.
const fs = require("node:fs");
const path = require("node:path");
const cli = require(path.join(__dirname, "..", "dist-cli", "main.cjs"));

const dir = process.argv[2];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
(async () => {
  let code = await cli.run(["check", "--json", dir]);
  const [t0, c0] = [performance.now(), cpu()];
  code = Math.max(code, await cli.run(["check", "--json", dir]));
  const timed = { ms: performance.now() - t0, cpu: cpu() - c0, code };
  if (process.env.BENCH_WARM_FILE) fs.writeFileSync(process.env.BENCH_WARM_FILE, JSON.stringify(timed));
  process.exitCode = code;
})().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 2;
});
