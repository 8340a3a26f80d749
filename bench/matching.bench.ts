// Benchmark of libs/matching: optimal and stable modes against the `munkres` and
// `linear-sum-assignment` packages on the same seeded instances. It measures; it does not pass or
// fail (except that it exits non-zero when the optimal totals disagree, which is a bug).
//
//   npx ts-node --transpile-only -r tsconfig-paths/register bench/matching.bench.ts [--stress]
//
// `--stress` adds two all-pairs-eligible shapes, the dense packages' best case.
//
// Each (instance, algorithm) runs in a fresh child process so that its peak RSS and its first,
// unoptimised run are its own. A child times one cold run, then the median of a few warm runs.
// Columns: "first" = first end-to-end run (JIT cold); "median" = warm end-to-end (ours: plain
// input → validated, eligibility, scores, solve, explanations, reasons, blocking count; the
// packages: plain input → our eligible pairs and scores → dense matrix → solve → total);
// "solve" = the solver alone on prepared scores (our sparse graph, their dense matrix);
// "mem Δ" = heap + ArrayBuffers retained after GC (prepared scores + last result);
// "peak RSS" = the child's maximum resident set, ts-node and TypeScript included (see base).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildCandidates, matchOptimal, matchStable } from '@puente/matching';
import { candidateGraphOf } from '@puente/matching/candidate-graph';
import { solveOptimalAssignment } from '@puente/matching/optimal-assignment';
import { solveStableMatching } from '@puente/matching/stable-matching';
import { munkres } from 'munkres';
import { generateInstance, makeAllEligible, type Instance } from './matching-instances';

// The package is ESM-only with `exports`, which the repo's `moduleResolution: node` cannot type;
// Node 20.19+ can require() it, so give it the one signature used here.
const { linearSumAssignment } = require('linear-sum-assignment') as {
  linearSumAssignment: (
    matrix: ArrayLike<number>[],
    options: { maximaze: boolean },
  ) => { rowAssignments: ArrayLike<number> };
};

const SEED = 20270110;
interface Shape {
  apps: number;
  needs: number;
  /** Stress shapes (`--stress`): every pair eligible, optionally one slot per need. */
  allEligible?: boolean;
  oneSlot?: boolean;
}
const SIZES: Shape[] = [
  { apps: 500, needs: 100 },
  { apps: 2000, needs: 400 },
  { apps: 5000, needs: 1000 },
];
// Far from the real shape, but the home ground of the dense packages: shows the worst case.
const STRESS: Shape[] = [
  { apps: 2000, needs: 400, allEligible: true },
  { apps: 1000, needs: 1000, allEligible: true, oneSlot: true },
];

function instanceOf(shape: Shape): Instance {
  const instance = generateInstance(shape.apps, shape.needs, SEED + shape.apps);
  return shape.allEligible ? makeAllEligible(instance, shape.oneSlot ?? false) : instance;
}

function shapeLabel(shape: Shape): string {
  const size = `${shape.apps}×${shape.needs}`;
  return shape.allEligible ? `${size} all${shape.oneSlot ? ' 1-slot' : ''}` : size;
}
const ALGORITHMS = ['optimal', 'stable', 'munkres', 'linear-sum-assignment'] as const;
type Algorithm = (typeof ALGORITHMS)[number];
/** Dense matrices above this many cells (~3000 × 3000) are not attempted. */
const MAX_DENSE_CELLS = 9_000_000;
const CHILD_TIMEOUT_MS = 10 * 60_000;

interface Measurement {
  algorithm: Algorithm;
  eligiblePairs: number;
  slots: number;
  /** First run in the process (includes JIT warm-up), end to end. */
  firstMs: number;
  /** Median of the warm runs, end to end. */
  medianMs: number;
  /** Median of warm runs of the solver alone, on prepared scores (graph or dense matrix). */
  solveMs: number;
  runs: number;
  heapDeltaMb: number;
  peakRssMb: number;
  baseRssMb: number;
  totalScore: number;
  placed: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number): number => bytes / 1024 / 1024;
// Typed arrays live outside the JS heap, so count their buffers too.
const retained = (): number => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timed<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

/**
 * The instance as a dense profit matrix for the assignment packages: one row per application,
 * one column per slot, the pair's score where eligible and 0 elsewhere (a 0 pair adds nothing,
 * so the dense maximum equals the sparse one).
 */
function denseScores(instance: Instance): Float64Array[] {
  const row = new Map(instance.applications.map((app, r) => [app.id, r]));
  const firstColumn = new Map<string, number>();
  let columns = 0;
  for (const need of instance.needs) {
    firstColumn.set(need.id, columns);
    columns += need.slots;
  }
  const slots = new Map(instance.needs.map((need) => [need.id, need.slots]));
  const matrix = instance.applications.map(() => new Float64Array(columns));
  for (const c of buildCandidates(instance.applications, instance.needs)) {
    const first = firstColumn.get(c.needId) as number;
    matrix[row.get(c.applicationId) as number].fill(
      c.score,
      first,
      first + (slots.get(c.needId) as number),
    );
  }
  return matrix;
}

interface Outcome {
  total: number;
  placed: number;
  /** The solver's own answer, kept so that its memory counts. */
  result: unknown;
}

function solveWithMunkres(profit: Float64Array[]): Outcome {
  if (profit.length === 0 || profit[0].length === 0) return { total: 0, placed: 0, result: [] };
  // munkres minimises: negate the profits.
  const cost = profit.map((r) => r.map((v) => -v));
  const pairs = munkres(cost);
  let total = 0;
  let placed = 0;
  for (const [r, c] of pairs) {
    total += profit[r][c];
    if (profit[r][c] > 0) placed++;
  }
  return { total, placed, result: pairs };
}

function solveWithLsa(profit: Float64Array[]): Outcome {
  if (profit.length === 0 || profit[0].length === 0) return { total: 0, placed: 0, result: [] };
  const result = linearSumAssignment(profit, { maximaze: true });
  const { rowAssignments } = result;
  let total = 0;
  let placed = 0;
  for (let r = 0; r < rowAssignments.length; r++) {
    const c = rowAssignments[r];
    if (c >= 0 && profit[r][c] > 0) {
      total += profit[r][c];
      placed++;
    }
  }
  return { total, placed, result };
}

/** Runs inside the child: one algorithm on one instance. */
function measure(algorithm: Algorithm, shape: Shape, runs: number): Measurement {
  const baseRss = process.memoryUsage().rss;
  const instance = instanceOf(shape);
  const slots = instance.needs.reduce((sum, need) => sum + need.slots, 0);
  const { applications } = instance;
  gc();
  const heapBefore = retained();

  let endToEnd: () => Outcome;
  let solveOnly: () => unknown;
  if (algorithm === 'optimal' || algorithm === 'stable') {
    const match = algorithm === 'optimal' ? matchOptimal : matchStable;
    const solve = algorithm === 'optimal' ? solveOptimalAssignment : solveStableMatching;
    endToEnd = () => {
      const result = match(applications, instance.needs);
      return { total: result.totalScore, placed: result.proposals.length, result };
    };
    const graph = candidateGraphOf(applications, instance.needs);
    solveOnly = () => solve(graph);
  } else {
    const solve = algorithm === 'munkres' ? solveWithMunkres : solveWithLsa;
    endToEnd = () => solve(denseScores(instance));
    const profit = denseScores(instance);
    solveOnly = () => solve(profit);
  }

  const firstMs = timed(endToEnd).ms;
  const warm: number[] = [];
  const solveTimes: number[] = [];
  let last: Outcome = { total: Number.NaN, placed: 0, result: null };
  for (let k = 0; k < runs; k++) {
    const run = timed(endToEnd);
    warm.push(run.ms);
    last = run.value;
    solveTimes.push(timed(solveOnly).ms);
  }
  gc();
  const heapAfter = retained(); // the prepared scores and the last result are still held
  return {
    algorithm,
    eligiblePairs: candidateGraphOf(applications, instance.needs).edgeNeed.length,
    slots,
    firstMs,
    medianMs: median(warm),
    solveMs: median(solveTimes),
    runs,
    heapDeltaMb: mb(heapAfter - heapBefore),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    baseRssMb: mb(baseRss),
    totalScore: last.total,
    placed: last.placed,
  };
}

function skipReason(algorithm: Algorithm, apps: number, slots: number): string | null {
  if (algorithm === 'optimal' || algorithm === 'stable') return null;
  const cells = apps * slots;
  if (cells > MAX_DENSE_CELLS) {
    return `skipped: dense ${apps} × ${slots} matrix (${(cells / 1e6).toFixed(1)}M cells) is over the ${MAX_DENSE_CELLS / 1e6}M-cell limit`;
  }
  return null;
}

function runChild(algorithm: Algorithm, shape: Shape, runs: number): Measurement | string {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      __filename,
      '--child',
      JSON.stringify({ algorithm, shape, runs }),
    ],
    {
      cwd: path.resolve(__dirname, '..'),
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
      maxBuffer: 1 << 24,
    },
  );
  const line = child.stdout?.split('\n').find((l) => l.startsWith('{'));
  if (child.status !== 0 || !line) {
    const why = child.error
      ? child.error.message
      : (child.stderr ?? '').trim().split('\n').slice(-3).join(' ');
    return `failed: ${why || `exit ${child.status}`}`;
  }
  return JSON.parse(line) as Measurement;
}

const fmt = (value: number, digits = 1): string => value.toFixed(digits);

function main(): void {
  const header = [
    'instance (apps×needs)'.padEnd(22),
    'algorithm'.padEnd(22),
    'first ms'.padStart(9),
    'median ms'.padStart(10),
    'solve ms'.padStart(9),
    '× optimal'.padStart(10),
    'solve ×'.padStart(8),
    'mem Δ MB'.padStart(10),
    'peak RSS MB'.padStart(12),
    'total score'.padStart(12),
    'placed'.padStart(7),
  ].join(' ');
  console.log(
    'Matching benchmark (seeded; times in ms; "median" = warm end-to-end, "solve" = solver',
  );
  console.log('alone on prepared scores: sparse graph for ours, dense matrix for the packages)\n');
  console.log(header);
  console.log('-'.repeat(header.length));
  let mismatches = 0;
  const shapes = process.argv.includes('--stress') ? [...SIZES, ...STRESS] : SIZES;
  for (const shape of shapes) {
    const { apps, needs } = shape;
    const runs = apps >= 5000 ? 3 : apps >= 2000 ? 7 : 15;
    const results = new Map<Algorithm, Measurement>();
    let label = shapeLabel(shape);
    for (const algorithm of ALGORITHMS) {
      const slots = results.get('optimal')?.slots ?? Number.POSITIVE_INFINITY;
      const dense = algorithm === 'munkres' || algorithm === 'linear-sum-assignment';
      // Dense runs over a million cells take seconds each: one warm run is enough there.
      const outcome =
        skipReason(algorithm, apps, slots) ??
        runChild(algorithm, shape, dense && apps * slots > 1e6 ? 1 : runs);
      if (typeof outcome === 'string') {
        console.log(`${label.padEnd(22)} ${algorithm.padEnd(22)} ${outcome}`);
        label = '';
        continue;
      }
      results.set(algorithm, outcome);
      const optimal = results.get('optimal') as Measurement;
      console.log(
        [
          label.padEnd(22),
          algorithm.padEnd(22),
          fmt(outcome.firstMs).padStart(9),
          fmt(outcome.medianMs).padStart(10),
          fmt(outcome.solveMs).padStart(9),
          fmt(outcome.medianMs / optimal.medianMs, 2).padStart(10),
          fmt(outcome.solveMs / optimal.solveMs, 2).padStart(8),
          fmt(outcome.heapDeltaMb).padStart(10),
          fmt(outcome.peakRssMb, 0).padStart(12),
          String(outcome.totalScore).padStart(12),
          String(outcome.placed).padStart(7),
        ].join(' '),
      );
      label = '';
      if (algorithm !== 'stable' && outcome.totalScore !== optimal.totalScore) {
        mismatches++;
        console.log(
          `!!! MISMATCH: ${algorithm} total ${outcome.totalScore} ≠ optimal ${optimal.totalScore} on ${shapeLabel(shape)} !!!`,
        );
      }
    }
    const optimal = results.get('optimal');
    if (optimal) {
      const share = (100 * optimal.eligiblePairs) / (apps * needs);
      console.log(
        `${''.padEnd(22)} ${optimal.slots} slots, ${optimal.eligiblePairs} eligible pairs ` +
          `(${fmt(share)}% of all pairs); child process base RSS ${fmt(optimal.baseRssMb, 0)} MB`,
      );
    }
  }
  console.log(
    mismatches === 0
      ? '\nAll optimal totals agree (ours, munkres, linear-sum-assignment where run).'
      : `\n!!! ${mismatches} MISMATCH(ES) between optimal totals — a correctness bug !!!`,
  );
  if (mismatches > 0) process.exitCode = 1;
}

const childFlag = process.argv.indexOf('--child');
if (childFlag >= 0) {
  const { algorithm, shape, runs } = JSON.parse(process.argv[childFlag + 1]) as {
    algorithm: Algorithm;
    shape: Shape;
    runs: number;
  };
  console.log(JSON.stringify(measure(algorithm, shape, runs)));
} else {
  main();
}
