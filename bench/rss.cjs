// Loaded with --require into a benchmarked process: on exit, writes its peak resident memory (bytes) and the CPU
// time of all its threads (ms) to $BENCH_RSS_FILE as JSON. CPU time is the fair figure on a busy machine.
const fs = require("node:fs");
process.on("exit", () => {
  if (!process.env.BENCH_RSS_FILE) return;
  const u = process.resourceUsage();
  fs.writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ rss: u.maxRSS * 1024, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
