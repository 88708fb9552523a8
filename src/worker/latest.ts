/**
 * Latest-wins scheduling for worker calls made at pointer rate: at most one call runs and at most one waits.
 * A new request replaces the waiting one (which settles as `superseded`), so a fast drag never builds a queue
 * and the last position is always checked.
 */

export type LatestOutcome<O> = { status: 'done'; output: O } | { status: 'superseded' } | { status: 'failed'; error: unknown };

export interface LatestRunner<I, O> {
  /** Ask for `input`; settles when it ran, or when a newer request replaced it before it started. */
  submit(input: I): Promise<LatestOutcome<O>>;
  /** Drop the waiting request, if any. */
  cancelPending(): void;
  /** Whether a call is running. */
  busy(): boolean;
}

interface Job<I, O> {
  input: I;
  resolve: (o: LatestOutcome<O>) => void;
}

export function createLatestRunner<I, O>(run: (input: I) => Promise<O>): LatestRunner<I, O> {
  let running = false;
  let pending: Job<I, O> | null = null;

  const pump = (job: Job<I, O>): void => {
    running = true;
    let p: Promise<O>;
    try {
      p = run(job.input);
    } catch (error) {
      p = Promise.reject(error);
    }
    const settle = (outcome: LatestOutcome<O>): void => {
      running = false;
      job.resolve(outcome);
      const next = pending;
      pending = null;
      if (next) pump(next);
    };
    p.then(
      (output) => settle({ status: 'done', output }),
      (error: unknown) => settle({ status: 'failed', error }),
    );
  };

  return {
    submit(input) {
      return new Promise((resolve) => {
        const job: Job<I, O> = { input, resolve };
        if (!running) {
          pump(job);
          return;
        }
        pending?.resolve({ status: 'superseded' });
        pending = job;
      });
    },
    cancelPending() {
      pending?.resolve({ status: 'superseded' });
      pending = null;
    },
    busy: () => running,
  };
}
