/** How long a shutdown may take before the process exits anyway: 5 s. */
export const SHUTDOWN_DEADLINE_MS = 5_000;

/** One step of a shutdown: a name for the log, and the work (which may hang: a socket that never closes). */
export interface StopStep {
  name: string;
  run: () => Promise<unknown> | unknown;
}

/** What a bounded shutdown got done: the steps that had not finished by the deadline, and those that threw. */
export interface StopOutcome {
  unfinished: string[];
  failed: Array<{ name: string; error: unknown }>;
}

/**
 * Runs the steps one after another, but for at most `ms` in all: resolves when they are done or at
 * the deadline, whichever comes first, saying which steps had not finished and which threw. A step
 * that throws does not stop the ones after it. The timer is cleared when the steps finish in time, so
 * a clean stop leaves nothing pending.
 */
export async function stopWithin(
  steps: readonly StopStep[],
  ms = SHUTDOWN_DEADLINE_MS,
): Promise<StopOutcome> {
  const pending = new Set(steps.map((s) => s.name));
  const failed: StopOutcome['failed'] = [];
  const work = (async () => {
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        failed.push({ name: step.name, error });
      }
      pending.delete(step.name);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([work, deadline]);
  clearTimeout(timer);
  return { unfinished: [...pending], failed: [...failed] };
}

/** The operator's log, as much of it as a shutdown needs. */
interface ShutdownLog {
  info: (fields: object, message: string) => void;
  warn: (fields: object, message: string) => void;
  error: (fields: object, message: string) => void;
  flush?: () => void;
}

/**
 * Makes SIGINT and SIGTERM stop the process within `ms`: the first signal runs the steps through
 * `stopWithin`, logs what did not finish or failed, and exits (0 when everything stopped, else 1).
 * Further signals while stopping are ignored (npm passes a group's signal on, so it comes twice); the
 * handlers stay installed, so no signal falls back to Node's default while a stop is under way.
 */
export function exitOnSignals(
  log: ShutdownLog,
  steps: () => readonly StopStep[],
  ms = SHUTDOWN_DEADLINE_MS,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A signal to the process group reaches this process twice under npm (which passes it on): the
    // stop under way goes on, and its deadline bounds it.
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    void stopWithin(steps(), ms).then(({ unfinished, failed }) => {
      for (const { name, error } of failed) log.error({ err: error, step: name }, 'shutdown step failed');
      if (unfinished.length)
        log.warn({ unfinished, deadlineMs: ms }, `shutdown: still waiting after ${ms} ms; exiting anyway`);
      log.flush?.();
      exit(unfinished.length || failed.length ? 1 : 0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
