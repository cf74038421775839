/** The simulator's notion of time; tests share a manual clock with the code under test to expire tokens. */
export interface SimulatorClock {
  now(): Date;
}

export const realClock: SimulatorClock = { now: () => new Date() };

/**
 * Timers the simulator owns (answer delays, hangs, delayed pushes), all cancelled when it closes so a test run
 * leaves no handle behind.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborter = new AbortController();

  /** Aborted on stop: outgoing requests (pushes, media downloads) pass it to fetch. */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  later(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    this.timers.add(timer);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.aborter.abort();
  }
}
