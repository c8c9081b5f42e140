// A worker thread of a folder check: checks the files it is sent, one at a time, and posts back the output.
import { parentPort } from "node:worker_threads";
import { nodeIo } from "./node-io";
import { checkFile, notChecked, type CheckFileOptions } from "./check-file";

const io = nodeIo({ stdout: () => undefined, stderr: () => undefined, isTTY: false });

parentPort?.on("message", (job: { i: number; file: string; options: CheckFileOptions }) => {
  // checkFile makes any failure the file's result; should posting it fail, the file is still answered, named.
  checkFile(io, job.file, job.options)
    .then((result) => parentPort!.postMessage({ i: job.i, result }))
    .catch((e: unknown) => parentPort!.postMessage({ i: job.i, result: notChecked(job.file, e, job.options) }));
});
