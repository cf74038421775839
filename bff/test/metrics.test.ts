import { MetricsRegistry } from '../src/lib/metrics';
import { startTestApp, type TestApp } from './support/harness';

describe('/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());
  const bearer = (): string => `Bearer ${t.config.metrics.token}`;

  test('when Prometheus scrapes without the metrics token or with another, then 401 and no figures', async () => {
    for (const auth of [undefined, 'Bearer not-the-token-at-all', `${bearer()}x`]) {
      const req = t.http.get('/metrics');
      const res = await (auth ? req.set('Authorization', auth) : req).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(res.text).not.toContain('hotline_');
    }
  });

  test('when a citizen token is sent instead of the metrics token, then 401', async () => {
    await t.http
      .get('/metrics')
      .set('Authorization', await t.signIn())
      .expect(401);
  });

  test('when scraped with the token, then process, GC and event-loop figures are there beside ours', async () => {
    const res = await t.http.get('/metrics').set('Authorization', bearer()).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(res.text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(res.text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(res.text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(res.text).toContain('# TYPE hotline_sends_total counter');
    expect(res.text).toMatch(/^hotline_outbox_oldest_pending_seconds \d/m);
  });
});

describe('/metrics without a configured token', () => {
  test('when no METRICS_TOKEN is set, then the endpoint does not exist', async () => {
    const t = await startTestApp({ config: { metrics: { token: undefined } } });
    try {
      const res = await t.http.get('/metrics').expect(404);
      expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await t.close();
    }
  });
});

describe('the metrics registry', () => {
  test('when a label value holds a quote, a backslash or a newline, then it is escaped as the text format requires', async () => {
    const registry = new MetricsRegistry();
    registry.counter('probe_total', 'Label escaping', ['kind']).inc({ kind: 'a"b\\c\nd' });
    expect(await registry.render()).toContain('probe_total{kind="a\\"b\\\\c\\nd"} 1');
  });

  test('when a gauge reading brings a label it had not seen, then the gauge shows it', async () => {
    const registry = new MetricsRegistry();
    let values: { labels?: Record<string, string>; value: number }[] = [];
    registry.gauge(async () => [{ name: 'depth', help: 'Depth', values }]);
    expect(await registry.render()).toContain('# TYPE depth gauge');
    values = [{ labels: { state: 'pending' }, value: 3 }];
    expect(await registry.render()).toContain('depth{state="pending"} 3');
    values = [{ labels: { state: 'sent' }, value: 1 }];
    const text = await registry.render();
    expect(text).toContain('depth{state="sent"} 1');
    expect(text).not.toContain('state="pending"');
  });
});
