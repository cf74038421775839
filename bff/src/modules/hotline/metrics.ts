import type { MetricsRegistry } from '../../lib/metrics';

/** The forwarding figures operators watch: sends, failures, submit-to-ticket lag, events received. */
export class HotlineMetrics {
  private readonly sends;
  private readonly failures;
  private readonly lag;
  private readonly events;
  private readonly stuckAlerts;

  constructor(registry: MetricsRegistry) {
    this.sends = registry.counter('hotline_sends_total', 'Messages delivered to the 12345 system, by kind', ['kind']);
    this.failures = registry.counter(
      'hotline_send_failures_total',
      'Failed deliveries, by kind and outcome (retry or permanent)',
      ['kind', 'outcome'],
    );
    this.lag = registry.histogram(
      'hotline_forward_lag_seconds',
      'From queueing to delivery',
      [0.1, 0.5, 1, 2, 5, 30, 120, 600, 3600],
    );
    this.events = registry.counter('hotline_events_total', 'Events received from the 12345 system, by outcome', [
      'outcome',
    ]);
    this.stuckAlerts = registry.counter(
      'hotline_stuck_alerts_total',
      'Sweeps that found messages waiting past the alert threshold',
    );
  }

  sent(kind: string, lagMs: number): void {
    this.sends.inc({ kind });
    this.lag.observe(lagMs / 1000);
  }

  failed(kind: string, outcome: 'retry' | 'permanent'): void {
    this.failures.inc({ kind, outcome });
  }

  event(outcome: 'applied' | 'duplicate' | 'rejected', count = 1): void {
    if (count) this.events.inc({ outcome }, count);
  }

  stuck(): void {
    this.stuckAlerts.inc();
  }
}
