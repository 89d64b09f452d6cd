// pdf.js ships no types for its worker module; we load it only for its side
// effect (it sets globalThis.pdfjsWorker), so nothing of it is typed.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
