// `npm run bench`: the speed of the pipeline, as ratios measured in one run on
// one machine (see README "Speed").
//
//   node build/bench/run.js [--quick] [--keep] [--out FILE] [--profile] [--jobs N] [--pages N] [--linear]
//
// 1. builds a corpus in bench/corpus/ (generated NRW-style PDFs + copies of
//    tests/fixtures/pdf), 2. measures the bare pdf.js pass, pdftotext, ingest
//    with 1 and N workers, an unchanged re-run, and a 300-page PDF alone,
// 3. writes bench/results.json and prints a table with PASS/FAIL per target.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { buildCorpus, ROOT } from './corpus.js';
import { generateDrucksache } from './generate.js';
import { barePdfjs, hasPdftotext, lastRunId, machineBusySeconds, otherLoad, parallelCeiling, pdftotextPass, readLastRun, runCli, type ChildUsage, type PassResult } from './measure.js';
import { formatLinear, runLinear } from './linear.js';
import { formatSummary, summariseProfiles, type ProfileSummary } from './profile.js';
import { mb, round, spread, type Spread } from './stats.js';

interface Options {
  quick: boolean;
  keep: boolean;
  out: string;
  profile: boolean;
  jobs: number;
  pages: number;
  bigPages: number;
  /** Only the linear-cost table (src/bench/linear.ts). */
  linear: boolean;
}

const USAGE = `usage: node build/bench/run.js [--quick] [--keep] [--out FILE] [--profile] [--jobs N] [--pages N]
  --quick     small corpus (smoke test; the numbers are noisy)
  --keep      keep the corpus in bench/corpus/ (and the profiles in bench/profile/)
  --out FILE  where to write the results (default bench/results.json)
  --profile   also run ingest --jobs 1 under --cpu-prof and summarise where the time goes
  --jobs N    workers of the parallel run (default: cores, at least 2)
  --pages N   pages in the corpus (default 4000; --quick 150)
  --linear    only the linear-cost table (inputs of growing size; with --quick smaller sizes)
`;

function parseOptions(argv: string[]): Options {
  const o: Options = { quick: false, keep: false, out: join(ROOT, 'bench', 'results.json'), profile: false, jobs: Math.max(2, availableParallelism()), pages: 0, bigPages: 300, linear: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--profile') o.profile = true;
    else if (a === '--linear') o.linear = true;
    else if (a === '--out') o.out = resolve(value());
    else if (a === '--jobs') o.jobs = Number(value());
    else if (a === '--pages') o.pages = Number(value());
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(o.jobs) || o.jobs < 1) throw new Error('--jobs must be a positive integer');
  if (!o.pages) o.pages = o.quick ? 150 : 4000;
  if (o.quick) o.bigPages = 60;
  return o;
}

const started = performance.now();
const log = (s: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${s}\n`);

interface IngestResult {
  label: string;
  jobs: number;
  ok: boolean;
  exitCode: number | null;
  files: number;
  pages: number;
  seconds: number;
  pagesPerSec: number;
  msPerPageWholeRun: number;
  /** Per file, from the gaps of sources.loaded_at (only with 1 worker). */
  msPerPage: Spread | null;
  maxRssMb: number | null;
  maxRssTimeMb: number | null;
  /** Peak RSS of the process ÷ workers: the threads share one process. */
  maxRssPerWorkerMb: number | null;
  cpuSeconds: number | null;
  /** CPU time ÷ wall time: about the number of busy cores. */
  cpuUtilisation: number | null;
  /** Cores' worth of CPU that other processes used meanwhile (noise). */
  otherLoad: number | null;
  run: ReturnType<typeof readLastRun>['run'];
  statuses: Record<string, number>;
  stderr: string;
}

/** The corpus in `jobs` shares (folders of links), each ingested by its own `--jobs 1` process, all at once. */
async function independentRuns(files: { path: string }[], pages: number, jobs: number, tmp: string): Promise<{ seconds: number; pagesPerSec: number; processes: number }> {
  const dirs = Array.from({ length: jobs }, (_, k) => join(tmp, `share-${k}`));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  files.forEach((f, i) => symlinkSync(resolve(f.path), join(dirs[i % jobs], `${i}.pdf`)));
  log(`${jobs} independent ingest --jobs 1 processes …`);
  const t0 = performance.now();
  await Promise.all(dirs.map((d, k) => runCli(['ingest', d, '--db', join(tmp, `share-${k}.sqlite`), '--jobs', '1', '--quiet'], tmp, `share-${k}`)));
  const seconds = (performance.now() - t0) / 1000;
  const r = { seconds: round(seconds, 2), pagesPerSec: round(pages / seconds, 1), processes: jobs };
  log(`${jobs} independent processes: ${r.seconds} s, ${r.pagesPerSec} pages/s`);
  return r;
}

async function ingestRun(label: string, dir: string, db: string, jobs: number, tmp: string, pagesInDir: number, filesInDir: number): Promise<IngestResult> {
  log(`${label} …`);
  const prevRun = lastRunId(db);
  const busy0 = machineBusySeconds();
  const u: ChildUsage = await runCli(['ingest', dir, '--db', db, '--jobs', String(jobs), '--quiet'], tmp, label.replace(/\W+/g, '-'));
  let stats: ReturnType<typeof readLastRun> = { run: null, statuses: {}, pages: 0, perFile: [] };
  try {
    stats = readLastRun(db);
    if (!stats.run || stats.run.id <= prevRun) stats = { run: null, statuses: {}, pages: 0, perFile: [] };
  } catch (e) {
    u.stderr += `\n(bench: cannot read ${db}: ${(e as Error).message})`;
  }
  const seconds = u.wallMs / 1000;
  const busy1 = machineBusySeconds();
  const r: IngestResult = {
    label,
    jobs,
    // exit 1 = some inputs failed: still a complete run, when it recorded itself and saw every file.
    ok: (u.exitCode === 0 || u.exitCode === 1) && stats.run !== null && stats.run.ended_at !== null && stats.run.files_seen === filesInDir,
    exitCode: u.exitCode,
    files: filesInDir,
    pages: pagesInDir,
    seconds: round(seconds, 2),
    pagesPerSec: round(pagesInDir / seconds, 1),
    msPerPageWholeRun: round(u.wallMs / pagesInDir, 2),
    msPerPage: jobs === 1 && stats.perFile.length ? spread(stats.perFile.map((f) => f.ms / f.pages)) : null,
    maxRssMb: u.maxRssMb,
    maxRssTimeMb: u.maxRssTimeMb,
    maxRssPerWorkerMb: u.maxRssMb !== null ? round(u.maxRssMb / jobs, 1) : null,
    cpuSeconds: u.cpuMs !== null ? round(u.cpuMs / 1000, 1) : null,
    cpuUtilisation: u.cpuMs !== null ? round(u.cpuMs / u.wallMs, 2) : null,
    otherLoad: otherLoad(busy0, busy1, u.cpuMs !== null ? u.cpuMs / 1000 : null, seconds),
    run: stats.run,
    statuses: stats.statuses,
    stderr: u.stderr.slice(0, 4000),
  };
  log(`${label}: ${r.seconds} s, ${r.pagesPerSec} pages/s, peak RSS ${r.maxRssMb} MB, exit ${r.exitCode}`);
  return r;
}

interface Target {
  name: string;
  value: number | null;
  op: '>=' | '<';
  target: number;
  pass: boolean | null;
  note: string;
}

function target(name: string, value: number | null, op: Target['op'], goal: number, note: string): Target {
  const pass = value === null || !Number.isFinite(value) ? null : op === '>=' ? value >= goal : value < goal;
  return { name, value: value === null || !Number.isFinite(value) ? null : round(value, 2), op, target: goal, pass, note };
}

const fmt = (n: number | null | undefined, d = 1): string => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(d));

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (align[c] === 'l' ? cell.padEnd(w[c]) : cell.padStart(w[c]))).join('  ');
      return i === 0 ? `${line}\n${w.map((x) => '-'.repeat(x)).join('  ')}` : line;
    })
    .join('\n');
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  if (o.linear) {
    const rows = await runLinear(o.quick, log);
    process.stdout.write(formatLinear(rows));
    return rows.every((r) => r.pass) ? 0 : 1;
  }
  const corpusRoot = join(ROOT, 'bench', 'corpus');
  const tmp = mkdtempSync(join(tmpdir(), 'drucksachen-bench-'));
  const cores = availableParallelism();
  const loadAtStart = loadavg().map((x) => round(x, 2));
  if (loadAtStart[0] > 0.5) log(`WARNING: load average ${loadAtStart[0]} at start: other work on the machine skews the numbers`);
  log(`${cores} cores, Node ${process.version}; work in ${tmp}`);

  // 1. The corpus.
  const t0 = performance.now();
  const corpus = await buildCorpus({ dir: join(corpusRoot, 'main'), targetPages: o.pages });
  const bigDir = join(corpusRoot, 'big');
  rmSync(bigDir, { recursive: true, force: true });
  mkdirSync(bigDir, { recursive: true });
  const big = generateDrucksache({ seed: 300_300, pages: o.bigPages, drucksache: 99_300 });
  const bigPath = join(bigDir, `gen-big-18-99300-p${o.bigPages}.pdf`);
  writeFileSync(bigPath, big.bytes);
  const genSeconds = round((performance.now() - t0) / 1000, 1);
  log(`corpus: ${corpus.files.length} files (${corpus.generated} generated, ${corpus.fixtures} sample copies), ${corpus.pages} pages, ${mb(corpus.bytes)} MB in ${genSeconds} s; big: ${o.bigPages} pages, ${mb(big.bytes.length)} MB`);

  // 2a. Bare pdf.js.
  log('bare pdf.js pass …');
  const bareBusy0 = machineBusySeconds();
  const bareCpu0 = process.cpuUsage();
  const bareT0 = performance.now();
  const bare = await barePdfjs(corpus.files.map((f) => f.path));
  const bareCpu = process.cpuUsage(bareCpu0);
  const bareOther = otherLoad(bareBusy0, machineBusySeconds(), (bareCpu.user + bareCpu.system) / 1e6, (performance.now() - bareT0) / 1000);
  log(`bare pdf.js: ${bare.seconds} s, ${bare.pagesPerSec} pages/s`);
  const { perFile: _perFile, ...bareResult } = bare;

  // 2b. pdftotext.
  let pdftotext: (PassResult & { available: true }) | { available: false; note: string };
  if (hasPdftotext()) {
    log('pdftotext -bbox-layout …');
    pdftotext = { available: true, ...pdftotextPass(corpus.files) };
    log(`pdftotext: ${pdftotext.seconds} s, ${pdftotext.pagesPerSec} pages/s`);
  } else {
    pdftotext = { available: false, note: 'pdftotext not installed (poppler-utils): skipped' };
    log(pdftotext.note);
  }

  // 2c/d. ingest end to end, as child processes, into fresh databases.
  const n = corpus.files.length;
  const p = corpus.pages;
  const ceilingBefore = await parallelCeiling(o.jobs);
  log(`parallel ceiling of the machine now (CPU-bound loop, ${o.jobs} threads ÷ 1): ${ceilingBefore}`);
  const one = await ingestRun('ingest --jobs 1', corpus.dir, join(tmp, 'one.sqlite'), 1, tmp, p, n);
  const many = await ingestRun(`ingest --jobs ${o.jobs}`, corpus.dir, join(tmp, 'many.sqlite'), o.jobs, tmp, p, n);
  const independent = await independentRuns(corpus.files, p, o.jobs, tmp);
  // The re-run is short (well under a second): take the median of three, a stray load peak skews one.
  const reruns: IngestResult[] = [];
  for (let k = 0; k < 3; k++) reruns.push(await ingestRun(`re-run unchanged --jobs ${o.jobs}`, corpus.dir, join(tmp, 'many.sqlite'), o.jobs, tmp, p, n));
  const rerun = [...reruns].sort((a, b) => a.seconds - b.seconds)[1];
  rerun.label += ' (median of 3)';
  const ceilingAfter = await parallelCeiling(o.jobs);
  log(`parallel ceiling after the ingest runs: ${ceilingAfter}`);
  const bigRun = await ingestRun(`${o.bigPages}-page PDF --jobs 1`, bigDir, join(tmp, 'big.sqlite'), 1, tmp, o.bigPages, 1);

  // Optional: where the time goes.
  let profile: (ProfileSummary & { command: string }) | null = null;
  if (o.profile) {
    const profDir = o.keep ? join(ROOT, 'bench', 'profile') : join(tmp, 'profile');
    rmSync(profDir, { recursive: true, force: true });
    mkdirSync(profDir, { recursive: true });
    const args = ['ingest', corpus.dir, '--db', join(tmp, 'prof.sqlite'), '--jobs', '1', '--quiet'];
    log('profiling ingest --jobs 1 …');
    await runCli(args, tmp, 'profile', [`--cpu-prof`, `--cpu-prof-dir=${profDir}`]);
    profile = { command: `node --cpu-prof dist/cli.js ${args.join(' ')}`, ...summariseProfiles([profDir], 25) };
  }

  // Targets.
  const e2eOverBare = one.pagesPerSec / bare.pagesPerSec;
  const scaling = many.pagesPerSec / one.pagesPerSec;
  const rerunSpeedup = many.seconds / rerun.seconds;
  // The same ratio by CPU time: less sensitive to other processes on the machine.
  const bareCpuSeconds = (bareCpu.user + bareCpu.system) / 1e6;
  const e2eOverBareCpu = one.cpuSeconds ? bareCpuSeconds / one.cpuSeconds : null;
  const rerunSkippedAll = reruns.every((r) => (r.run ? r.run.skipped === n && r.run.loaded === 0 : false));
  const targets: Target[] = [
    target('e2e 1 worker ÷ bare pdf.js (pages/s)', one.ok ? e2eOverBare : null, '>=', 0.7, 'ingest --jobs 1 end to end (process start, hashing, extract, transform, SQLite) against getOperatorList + getTextContent alone'),
    target(`${o.jobs} workers ÷ 1 worker (pages/s)`, one.ok && many.ok ? scaling : null, '>=', 1.7, `ingest --jobs ${o.jobs} against --jobs 1, both into fresh databases; the machine's parallel ceiling (a CPU-bound loop in ${o.jobs} threads ÷ 1) was ${ceilingBefore} before and ${ceilingAfter} after`),
    target('unchanged re-run speed ÷ first run', many.ok && rerun.ok && rerunSkippedAll ? rerunSpeedup : null, '>=', 50, `first ingest --jobs ${o.jobs} wall time ÷ the re-run's${rerunSkippedAll ? '' : ' (WARNING: the re-run did not skip every file)'}`),
    target(`peak RSS, ${o.bigPages}-page PDF, 1 worker (MB)`, bigRun.ok ? bigRun.maxRssMb : null, '<', 300, 'getrusage maxRSS of the ingest process (whole process)'),
  ];

  // What the machine gives this workload: N separate --jobs 1 processes on N shares of the corpus.
  const workloadCeiling = independent.pagesPerSec / one.pagesPerSec;
  const poolEfficiency = many.pagesPerSec / independent.pagesPerSec;
  const noisy = [bareOther, ...[one, many, rerun, bigRun].map((r) => r.otherLoad)].some((x) => x !== null && x > 0.25);
  const warnings: string[] = [];
  if (noisy) warnings.push('other processes used the CPU during some stages (see otherLoad): numbers and ratios are skewed');
  if (!rerunSkippedAll) warnings.push('the re-run did not skip every file');
  for (const r of [one, many, ...reruns, bigRun]) if (!r.ok || r.exitCode !== 0) warnings.push(`${r.label}: exit ${r.exitCode}${r.ok ? '' : ', no complete run recorded: its numbers are void'}`);
  const results = {
    bench: 'drucksachen',
    date: new Date().toISOString(),
    quick: o.quick,
    machine: { cores, cpu: cpus()[0]?.model ?? 'unknown', totalMemMb: mb(totalmem()), node: process.version, platform: `${process.platform} ${process.arch}`, loadavgAtStart: loadAtStart, loadavgAtEnd: loadavg().map((x) => round(x, 2)) },
    corpus: {
      dir: relative(ROOT, corpus.dir),
      kept: o.keep,
      files: n,
      pages: p,
      megabytes: mb(corpus.bytes),
      generated: corpus.generated,
      sampleCopies: corpus.fixtures,
      pagesPerFile: spread(corpus.files.map((f) => f.pages)),
      generateSeconds: genSeconds,
      big: { pages: o.bigPages, megabytes: mb(big.bytes.length) },
    },
    bare: { ...bareResult, cpuSeconds: round((bareCpu.user + bareCpu.system) / 1e6, 1), otherLoad: bareOther, note: 'in-process, one core: getDocument + per page getOperatorList + getTextContent + cleanup; ms/page = per-file ms ÷ pages; files read before the clock' },
    pdftotext: pdftotext.available ? { ...pdftotext, note: 'pdftotext -bbox-layout FILE /dev/null, one process per file, sequential (includes process start)' } : pdftotext,
    ingest: {
      one,
      many,
      rerun,
      rerunSeconds: reruns.map((r) => r.seconds),
      big: bigRun,
      note: 'child processes (node build/bench/child.js = dist/cli.js + a resource report at exit); pages/s over the wall time of the process; ms/page p50/p90 from the gaps of sources.loaded_at with 1 worker (first file left out); peak RSS = getrusage maxRSS of the process, which holds all worker threads (per worker = ÷ jobs), maxRssTimeMb = the same from /usr/bin/time -v when installed',
    },
    targets,
    independent: { ...independent, workloadCeiling: round(workloadCeiling, 2), poolEfficiency: round(poolEfficiency, 2), note: `the corpus split into ${o.jobs} shares, each ingested by its own --jobs 1 process, all at once: the speed-up the machine gives this workload without our pool (workloadCeiling = its pages/s ÷ --jobs 1), and how much of it the pool reaches (poolEfficiency = --jobs ${o.jobs} pages/s ÷ its pages/s)` },
    parallelCeiling: { before: ceilingBefore, after: ceilingAfter, note: `throughput of a CPU-bound JS loop in ${o.jobs} worker threads ÷ in 1: the most any --jobs ${o.jobs} run could gain on this machine at that time` },
    byCpuTime: { e2eOneWorkerOverBare: e2eOverBareCpu === null ? null : round(e2eOverBareCpu, 2), note: 'bare pass CPU seconds ÷ ingest --jobs 1 CPU seconds (includes process start and module loading)' },
    warnings,
    profile,
    seconds: round((performance.now() - started) / 1000, 1),
  };
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, JSON.stringify(results, null, 2) + '\n');

  // The table.
  const rows: string[][] = [['stage', 'pages', 'wall s', 'pages/s', 'ms/page p50', 'p90', 'peak RSS MB', 'CPU/wall', 'other load']];
  rows.push(['bare pdf.js (in-process, 1 core)', String(bare.pages), fmt(bare.seconds), fmt(bare.pagesPerSec), fmt(bare.msPerPage.p50), fmt(bare.msPerPage.p90), '', '', fmt(bareOther, 2)]);
  if (pdftotext.available) rows.push(['pdftotext -bbox-layout', String(pdftotext.pages), fmt(pdftotext.seconds), fmt(pdftotext.pagesPerSec), fmt(pdftotext.msPerPage.p50), fmt(pdftotext.msPerPage.p90), '', '', '']);
  else rows.push(['pdftotext -bbox-layout', 'skipped: not installed', '', '', '', '', '', '', '']);
  for (const r of [one, many, rerun, bigRun]) {
    const pct = r.msPerPage ? [fmt(r.msPerPage.p50), fmt(r.msPerPage.p90)] : [`(${fmt(r.msPerPageWholeRun)})`, ''];
    const rss = r.jobs > 1 && r.maxRssMb !== null ? `${fmt(r.maxRssMb, 0)} (${fmt(r.maxRssPerWorkerMb, 0)}/w)` : fmt(r.maxRssMb, 0);
    rows.push([r.label + (r.ok ? '' : ` [exit ${r.exitCode}]`), String(r.pages), fmt(r.seconds, 2), fmt(r.pagesPerSec), ...pct, rss, fmt(r.cpuUtilisation, 2), fmt(r.otherLoad, 2)]);
  }

  const out: string[] = [];
  out.push(`drucksachen bench: ${cores} cores (${results.machine.cpu}), Node ${process.version}${o.quick ? ', QUICK (small corpus: noisy)' : ''}`);
  out.push(`corpus: ${n} PDFs (${corpus.generated} generated, ${corpus.fixtures} sample copies), ${p} pages, ${mb(corpus.bytes)} MB; statuses after ingest: ${JSON.stringify(one.statuses)}`);
  out.push('');
  out.push(table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  out.push('(ms/page in brackets: whole run ÷ pages; per-file figures need 1 worker. CPU/wall: busy cores of the ingest process;');
  out.push(' other load: cores used by OTHER processes meanwhile, from /proc/stat)');
  if (noisy) out.push('WARNING: other processes used the CPU during some stages: those numbers (and ratios) are skewed; re-run on an idle machine.');
  out.push('');
  const trows = [['target', 'value', 'goal', 'result']];
  for (const t of targets) trows.push([t.name, fmt(t.value, 2), `${t.op === '>=' ? '≥' : '<'} ${t.target}`, t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'FAIL']);
  out.push(table(trows, ['l', 'r', 'r', 'l']));
  out.push(`(by CPU time instead of wall time, e2e 1 worker ÷ bare = ${fmt(e2eOverBareCpu, 2)}: less sensitive to other load)`);
  out.push(`(parallel ceiling of the machine, a CPU-bound loop in ${o.jobs} threads ÷ 1: ${fmt(ceilingBefore, 2)} before, ${fmt(ceilingAfter, 2)} after the ingest runs)`);
  out.push(`(${o.jobs} independent --jobs 1 processes on ${o.jobs} shares of the corpus: ${fmt(independent.pagesPerSec)} pages/s = ${fmt(workloadCeiling, 2)} × --jobs 1, the machine's ceiling for this workload; --jobs ${o.jobs} reaches ${fmt(poolEfficiency, 2)} of it)`);
  for (const r of [one, many, ...reruns, bigRun]) if (!r.ok || r.exitCode !== 0) out.push(`\n${r.label}: exit ${r.exitCode}${r.stderr ? `\n  ${r.stderr.split('\n').slice(0, 8).join('\n  ')}` : ''}`);
  if (profile) out.push('', `profile of: ${profile.command}`, formatSummary({ ...profile, byFile: profile.byFile.slice(0, 12), selfByFunction: profile.selfByFunction.slice(0, 15), inclusiveByFunction: profile.inclusiveByFunction.slice(0, 15) }));
  log('linear-cost table …');
  out.push('', formatLinear(await runLinear(o.quick, log)));
  out.push('', `results: ${relative(process.cwd(), o.out) || o.out}; bench took ${results.seconds} s`);
  process.stdout.write(out.join('\n') + '\n');

  rmSync(tmp, { recursive: true, force: true });
  if (!o.keep) rmSync(corpusRoot, { recursive: true, force: true });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
