'use strict';
/**
 * Starts a private MariaDB server from the system's `mariadbd` in a temporary folder on a random loopback
 * port, for tests, benchmarks and migration generation. Nothing outside the temporary folder is touched.
 */
const { spawn, execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync, readFileSync, existsSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { findBinary, freePort } = require('./system.cjs');

/** Why MariaDB cannot be started here, or undefined when it can. */
function unavailableReason() {
  const missing = ['mariadbd', 'mariadb-install-db', 'mariadb-admin'].filter((b) => !findBinary(b));
  return missing.length ? `not installed: ${missing.join(', ')} (apt-get install mariadb-server)` : undefined;
}

async function waitForPing(admin, socket, child, errLog, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      execFileSync(admin, ['--no-defaults', '-uroot', `--socket=${socket}`, 'ping'], { stdio: 'ignore' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const log = existsSync(errLog) ? readFileSync(errLog, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`MariaDB did not start within ${timeoutMs} ms.\n${log}`);
}

/**
 * @returns {Promise<{ url: string, port: number, socket: string, dir: string, stop: () => Promise<void>,
 *   restart: (downMs?: number) => Promise<void> }>}
 */
async function startThrowawayMariadb({ timeoutMs = 30000, keepDir, bufferPool = '256M' } = {}) {
  const reason = unavailableReason();
  if (reason) throw new Error(`MariaDB is not available: ${reason}`);
  // keepDir: a directory whose data outlives the server (the scale benchmark reuses its seeded year).
  const dir = keepDir ?? mkdtempSync(path.join(os.tmpdir(), 'hotline-mariadb-'));
  const datadir = path.join(dir, 'data');
  const socket = path.join(dir, 'sock');
  const errLog = path.join(dir, 'err.log');
  const installed = keepDir !== undefined && existsSync(datadir);
  if (!installed)
    execFileSync(
      findBinary('mariadb-install-db'),
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${datadir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { stdio: 'ignore' },
    );
  const port = await freePort();
  const launch = () =>
    spawn(
      findBinary('mariadbd'),
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${datadir}`,
        `--socket=${socket}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--pid-file=${path.join(dir, 'pid')}`,
        `--log-error=${errLog}`,
        '--skip-log-bin',
        '--innodb-flush-log-at-trx-commit=2',
        `--innodb-buffer-pool-size=${bufferPool}`,
        '--max-connections=500',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
      ],
      { stdio: 'ignore', detached: false },
    );
  let child = launch();
  const admin = findBinary('mariadb-admin');
  await waitForPing(admin, socket, child, errLog, timeoutMs);
  // Root over TCP without a password, for the throwaway server only.
  execFileSync(findBinary('mariadb') || findBinary('mysql'), [
    '--no-defaults',
    '-uroot',
    `--socket=${socket}`,
    '-e',
    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;",
  ]);
  const shutdown = async () => {
    try {
      execFileSync(admin, ['--no-defaults', '-uroot', `--socket=${socket}`, 'shutdown'], { stdio: 'ignore' });
    } catch {
      child.kill('SIGKILL');
    }
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  };
  const stop = async () => {
    await shutdown();
    if (keepDir === undefined) rmSync(dir, { recursive: true, force: true });
  };
  /** Stops the server, keeps it down for `downMs`, and starts it again on the same port with the same data. */
  const restart = async (downMs = 0) => {
    await shutdown();
    await new Promise((r) => setTimeout(r, downMs));
    child = launch();
    await waitForPing(admin, socket, child, errLog, timeoutMs);
  };
  return { url: `mariadb://root@127.0.0.1:${port}`, port, socket, dir, pid: child.pid, stop, restart };
}

module.exports = { startThrowawayMariadb, unavailableReason };
