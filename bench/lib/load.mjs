// A small closed-loop HTTP load generator: N connections, each sending its next request as soon as the
// previous answer arrives, for a fixed time. Records every latency for exact percentiles.
import http from 'node:http';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function send(agent, url, { method, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

/**
 * @param {object} options
 * @param {string} options.url
 * @param {number} options.connections
 * @param {number} options.seconds
 * @param {(connection: number, n: number) => {method: string, path?: string, headers?: object, body?: string}} options.request
 *   `path`, when given, is resolved against `url` (a mixed workload); otherwise `url` itself is asked.
 */
export async function runLoad({ url, connections, seconds, request, expectStatus = [200, 201] }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const statuses = new Map();
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async (_, connection) => {
      for (let n = 0; Date.now() < deadline; n += 1) {
        const spec = request(connection, n);
        const body = spec.body === undefined ? undefined : spec.body;
        const headers = { ...(spec.headers ?? {}), ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) };
        const t0 = process.hrtime.bigint();
        try {
          const status = await send(agent, spec.path ? new URL(spec.path, url) : url, {
            method: spec.method,
            headers,
            body,
          });
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (!expectStatus.includes(status)) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    statuses: Object.fromEntries(statuses),
  };
}
