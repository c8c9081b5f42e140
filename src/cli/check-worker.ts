// A worker thread of a folder check: checks the files it is sent, one at a time, and posts back the output.
import { parentPort } from "node:worker_threads";
import { nodeIo } from "./node-io";
import { checkFile, type CheckFileOptions } from "./check-file";

const io = nodeIo({ stdout: () => undefined, stderr: () => undefined, isTTY: false });

parentPort?.on("message", (job: { i: number; file: string; options: CheckFileOptions }) => {
  checkFile(io, job.file, job.options).then(
    (result) => parentPort!.postMessage({ i: job.i, result }),
    (e: unknown) => parentPort!.postMessage({ i: job.i, crash: e instanceof Error ? e.message : String(e) }),
  );
});
