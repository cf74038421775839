/**
 * A minimal Prometheus text-format registry: counters and histograms kept in process, gauges read when
 * scraped. Enough for /metrics without a dependency.
 */
type Labels = Record<string, string>;

const pair = (name: string, value: string): string => `${name}="${value.replace(/["\\\n]/g, '_')}"`;

/** A series' labels as written: sorted by name. (Counted on every send: no sorting or copying for one or none.) */
function key(labels: Labels): string {
  let only: string | undefined;
  let count = 0;
  for (const name in labels) {
    only = name;
    count += 1;
  }
  if (count === 0) return '';
  if (count === 1 && only !== undefined) return pair(only, labels[only] ?? '');
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => pair(k, v))
    .join(',');
}

export class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  render(): string {
    const lines = [...this.values].map(([k, v]) => `${this.name}${k ? `{${k}}` : ''} ${v}`);
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`, ...lines].join('\n');
  }
}

export class Histogram {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: number[],
  ) {}
  observe(value: number, labels: Labels = {}): void {
    const k = key(labels);
    const s = this.series.get(k) ?? { buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
    this.bounds.forEach((b, i) => {
      if (value <= b) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    });
    s.sum += value;
    s.count += 1;
    this.series.set(k, s);
  }
  render(): string {
    const lines: string[] = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const sep = k ? `${k},` : '';
      this.bounds.forEach((b, i) => lines.push(`${this.name}_bucket{${sep}le="${b}"} ${s.buckets[i]}`));
      lines.push(
        `${this.name}_bucket{${sep}le="+Inf"} ${s.count}`,
        `${this.name}_sum${k ? `{${k}}` : ''} ${s.sum}`,
        `${this.name}_count${k ? `{${k}}` : ''} ${s.count}`,
      );
    }
    return lines.join('\n');
  }
}

export type GaugeReader = () => Promise<{ name: string; help: string; values: { labels?: Labels; value: number }[] }[]>;

export class MetricsRegistry {
  private readonly metrics: (Counter | Histogram)[] = [];
  private readonly gauges: GaugeReader[] = [];

  counter(name: string, help: string): Counter {
    const c = new Counter(name, help);
    this.metrics.push(c);
    return c;
  }

  histogram(name: string, help: string, bounds: number[]): Histogram {
    const h = new Histogram(name, help, bounds);
    this.metrics.push(h);
    return h;
  }

  gauge(reader: GaugeReader): void {
    this.gauges.push(reader);
  }

  async render(): Promise<string> {
    const parts = this.metrics.map((m) => m.render());
    for (const reader of this.gauges) {
      for (const g of await reader()) {
        parts.push(
          [
            `# HELP ${g.name} ${g.help}`,
            `# TYPE ${g.name} gauge`,
            ...g.values.map(
              (v) => `${g.name}${v.labels && Object.keys(v.labels).length ? `{${key(v.labels)}}` : ''} ${v.value}`,
            ),
          ].join('\n'),
        );
      }
    }
    return `${parts.join('\n')}\n`;
  }
}
