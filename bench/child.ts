// The CLI, run in this process, reporting its resource usage at exit: the
// benchmark starts `node build/bench/child.js ingest …` instead of dist/cli.js
// and reads $BENCH_USAGE_FILE. maxRSS is getrusage(RUSAGE_SELF): the whole
// process, main thread and worker threads together; CPU time likewise.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_USAGE_FILE;
if (out) {
  process.on('exit', (code) => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({
      maxRssKb: u.maxRSS,
      userMs: u.userCPUTime / 1000,
      systemMs: u.systemCPUTime / 1000,
      uptimeMs: process.uptime() * 1000,
      exitCode: code,
    }));
  });
}
// process.argv is [node, child.js, ...args]: cli.js reads argv.slice(2) as usual.
// The built program itself (dist/), not a copy compiled with the bench.
await import(new URL('../../dist/cli.js', import.meta.url).href);
