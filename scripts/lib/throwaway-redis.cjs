'use strict';
/**
 * Starts a private Redis server from the system's `redis-server` in a temporary folder on a random loopback
 * port, for tests: no persistence (`--save '' --appendonly no`), nothing outside the temporary folder touched.
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, existsSync, readFileSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { findBinary, freePort } = require('./system.cjs');

/** Why Redis cannot be started here, or undefined when it can. */
function unavailableReason() {
  return findBinary('redis-server') ? undefined : 'not installed: redis-server (apt-get install redis-server)';
}

/** Answers once the server says PONG to an inline PING. */
function ping(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let answer = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) socket.end();
    });
    socket.on('close', () => resolve(answer.startsWith('+PONG')));
    socket.on('error', () => resolve(false));
  });
}

/**
 * @param {{ timeoutMs?: number, port?: number }} [options] `port` restarts a server on a known port.
 * @returns {Promise<{ url: string, port: number, dir: string, pid: number, stop: () => Promise<void> }>}
 */
async function startThrowawayRedis({ timeoutMs = 10000, port: wanted } = {}) {
  const reason = unavailableReason();
  if (reason) throw new Error(`Redis is not available: ${reason}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hotline-redis-'));
  const logFile = path.join(dir, 'redis.log');
  const port = wanted ?? (await freePort());
  const child = spawn(
    findBinary('redis-server'),
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--logfile',
      logFile,
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + timeoutMs;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-10).join('\n') : '';
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Redis did not start on port ${port} within ${timeoutMs} ms.\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `redis://127.0.0.1:${port}`, port, dir, pid: child.pid, stop };
}

module.exports = { startThrowawayRedis, unavailableReason };
