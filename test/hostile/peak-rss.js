// Preloaded into the CLI by the hostile corpus test: reports the process's peak memory on fd 3 when it ends.
process.on("exit", () => {
  try {
    require("fs").writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // fd 3 not open: run by hand
  }
});
