// An experiment, loaded with `node --import ./build/bench/restore-builtins.js
// dist/cli.js …`: load pdf.js (display API and worker) up front, then put back
// the built-ins its core-js polyfills replaced process-wide (Array.prototype.push,
// JSON.parse, JSON.stringify). The bench uses it to measure what restoring them
// in src/extract/pdf.ts would gain; it changes nothing else.
const saved = {
  push: Object.getOwnPropertyDescriptor(Array.prototype, 'push')!,
  parse: Object.getOwnPropertyDescriptor(JSON, 'parse')!,
  stringify: Object.getOwnPropertyDescriptor(JSON, 'stringify')!,
};
await import('pdfjs-dist/legacy/build/pdf.mjs');
// The worker module installs the same polyfills when pdf.js loads it lazily on
// the first document; load it now (pdf.js then finds globalThis.pdfjsWorker).
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
Object.defineProperty(Array.prototype, 'push', saved.push);
Object.defineProperty(JSON, 'parse', saved.parse);
Object.defineProperty(JSON, 'stringify', saved.stringify);
export {};
