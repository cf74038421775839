import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Record<string, string>;

export type GaugeReader = () => Promise<{ name: string; help: string; values: { labels?: Labels; value: number }[] }[]>;

/**
 * The process's own figures (CPU, memory, handles, GC pauses, event-loop delay) exist once per process, so they
 * are collected once into a registry of their own and shown by every app's /metrics.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The app's Prometheus registry (prom-client): counters and histograms kept in process, gauges read from the
 * database when scraped. Each app has its own, so two apps in one process (tests) never share counts.
 */
export class MetricsRegistry {
  private readonly registry = new Registry();
  private readonly readers: GaugeReader[] = [];
  private readonly gauges = new Map<string, Gauge>();

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(
    name: string,
    help: string,
    buckets: number[],
    labelNames: readonly L[] = [],
  ): Histogram<L> {
    return new Histogram({ name, help, buckets, labelNames, registers: [this.registry] });
  }

  /** Gauges whose values come from one query at scrape time (several gauges may share the query). */
  gauge(reader: GaugeReader): void {
    this.readers.push(reader);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(): Promise<string> {
    for (const reader of this.readers) {
      for (const read of await reader()) {
        const gauge = this.gaugeFor(read.name, read.help, read.values);
        gauge.reset();
        for (const v of read.values) gauge.set(v.labels ?? {}, v.value);
      }
    }
    return Registry.merge([processMetrics(), this.registry]).metrics();
  }

  /** The gauge of that name, made again when a reading brings a label it was not made with. */
  private gaugeFor(name: string, help: string, values: { labels?: Labels }[]): Gauge {
    const labelNames = new Set(values.flatMap((v) => Object.keys(v.labels ?? {})));
    const known = this.gauges.get(name);
    const knownNames = (known as unknown as { labelNames?: string[] } | undefined)?.labelNames ?? [];
    if (known && [...labelNames].every((l) => knownNames.includes(l))) return known;
    if (known) this.registry.removeSingleMetric(name);
    const gauge = new Gauge({
      name,
      help,
      labelNames: [...new Set([...knownNames, ...labelNames])],
      registers: [this.registry],
    });
    this.gauges.set(name, gauge);
    return gauge;
  }
}
