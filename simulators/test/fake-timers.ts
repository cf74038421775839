/**
 * The simulators' delays and hangs run on setTimeout. Under these fake timers they wait until the test moves
 * time on, so "nothing yet" and "prompt" are facts, not races against a wall clock; I/O and ticks stay real.
 */
export function useSimulatorTimers(): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
}

/** Yields to I/O (no timers: they are fake) until the condition holds. */
export async function untilIo(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 100_000 && !condition(); turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!condition()) throw new Error(`never happened: ${what}`);
}

/** Until the code under test has scheduled `count` timers (its delay has begun). */
export const untilTimersScheduled = (count = 1): Promise<void> =>
  untilIo(() => jest.getTimerCount() >= count, `${count} timer(s) scheduled`);

/** A promise's state without waiting for it. */
export function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let done = false;
  const settle = (): void => {
    done = true;
  };
  promise.then(settle, settle);
  return { promise, settled: () => done };
}
