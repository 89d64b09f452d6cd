// A reader thread: takes one path at a time, runs it through the pipeline
// (extract + transform; pdf.js is loaded once per thread and stays loaded) and
// posts the DocFile back as plain data. The main thread is the one writer.
import { parentPort } from 'node:worker_threads';
import { processFile } from '../pipeline.js';
import { failedDocFile, slimForLoad } from './plain.js';
import { plainError, runReadTask, type ReadTask } from './read-task.js';

/** A file of a batch (ingest, watch): the DocFile comes back. */
export interface Task {
  id: number;
  path: string;
}

/** One read of `layout` or `tables` (run/bounded.ts): the result or the error comes back. */
export interface ReadMessage {
  id: number;
  read: ReadTask;
  bytes: Uint8Array;
}

if (!parentPort) throw new Error('run/worker.js is a worker thread entry point');
const port = parentPort;

port.on('message', async (task: Task | ReadMessage) => {
  if ('read' in task) {
    try {
      port.postMessage({ id: task.id, result: await runReadTask(task.read, task.bytes) });
    } catch (e) {
      port.postMessage({ id: task.id, error: plainError(e) });
    }
    return;
  }
  let file;
  try {
    file = slimForLoad(await processFile(task.path));
  } catch (e) {
    file = await failedDocFile(task.path, 'internal', `internal error while reading the file: ${(e as Error).message}`);
  }
  try {
    port.postMessage({ id: task.id, file });
  } catch (e) {
    // not cloneable (should not happen: the model is plain data)
    port.postMessage({ id: task.id, file: await failedDocFile(task.path, 'internal', `internal error: the result could not be passed on: ${(e as Error).message}`) });
  }
});
port.postMessage({ ready: true }); // the modules loaded: the pool can tell a broken build from a broken file
