// Starts a server script as a child process and waits for the line "LISTENING <port>" it prints.
import { spawn } from 'node:child_process';

export function startChild(script, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROFILE && script.includes('bff-server')
          ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']
          : []),
        script,
      ],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk.toString();
      const match = /LISTENING (\d+)/.exec(buffer);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({
          pid: child.pid,
          url: `http://127.0.0.1:${match[1]}`,
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
}
