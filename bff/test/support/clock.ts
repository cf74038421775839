import type { Clock } from '../../src/lib/clock';

/** A clock tests move by hand; the simulators accept it too, so both sides see the same time. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-03-02T01:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
