import type { RunningProcess } from './processes';

/**
 * Runs a test body; if it fails, the error carries the end of each spawned process's output (a
 * worker that could not start, or crashed, says why there rather than as a bare timeout).
 */
export async function withProcessOutput<T>(
  processes: RunningProcess[],
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (err) {
    const tails = processes
      .map((p, i) => `--- process ${i + 1} (pid ${p.child.pid}):\n${p.output().slice(-3000)}`)
      .join('\n');
    if (err instanceof Error) err.message = `${err.message}\n${tails}`;
    throw err;
  }
}
