// Test-only hooks, set once at process start by the entry (src/cli.ts) and never
// part of a command's options. Real use leaves them empty: every hook is a no-op.
// The code that runs them knows nothing of the environment; the tests that need
// them set the variable for the spawned process (README "Error codes").

export interface TestHooks {
  /** Runs inside each document's write transaction, after the source row, before the document rows. */
  inLoadTransaction?: () => void;
}

let hooks: Readonly<TestHooks> = {};

/** Install the hooks of this process: once, at start, from the entry. */
export function setTestHooks(h: TestHooks): void {
  hooks = Object.freeze({ ...h });
}

export function testHooks(): Readonly<TestHooks> {
  return hooks;
}

/**
 * The hooks the environment asks for. DRUCKSACHEN_TEST_LOAD_DELAY_MS=N: stall N ms inside each
 * document's transaction, so that a test can kill the process while a transaction is open.
 */
export function testHooksFromEnv(env: NodeJS.ProcessEnv): TestHooks {
  const delay = Number(env.DRUCKSACHEN_TEST_LOAD_DELAY_MS);
  if (!(Number.isFinite(delay) && delay > 0)) return {};
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return { inLoadTransaction: () => void Atomics.wait(cell, 0, 0, delay) };
}
