import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';

/** `npm run staff -- …` as an operator runs it: the compiled CLI against a demo-mode SQLite file. */
describe('the staff command line', () => {
  const cli = path.resolve(__dirname, '../../dist/modules/staff/staff-cli.js');
  let dir: string;
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build:ts" first (npm test does)`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'staff-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], extraEnv: Record<string, string> = {}) =>
    spawnSync(process.execPath, [cli, ...args], {
      env: {
        PATH: process.env.PATH,
        SQLITE_PATH: path.join(dir, 'hotline.sqlite'),
        STAFF_PASSWORD_COST_LOG2: '10',
        ...extraEnv,
      },
      encoding: 'utf8',
      timeout: 30000,
    });

  test('create prints the account and a one-time password; bad input is refused with the reason; list shows it', async () => {
    const created = run(['create', '--username', 'zhang.dispatch', '--role', 'dispatcher', '--name', '张派单']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(
      /^created zhang\.dispatch \(派单员\) id=[0-9A-Z]{26}\ninitial password \(shown once\): \S{12,}\n$/,
    );

    const handlerWithoutUnit = run(['create', '--username', 'li.handler', '--role', 'handler', '--name', '李']);
    expect(handlerWithoutUnit.status).toBe(2);
    expect(handlerWithoutUnit.stderr).toContain('unit: 承办人员须指定承办单位');

    const weak = run(['create', '--username', 'wang', '--role', 'auditor', '--name', '王'], {
      STAFF_PASSWORD: 'short',
    });
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('密码至少12位');

    const again = run(['create', '--username', 'zhang.dispatch', '--role', 'auditor', '--name', '张']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('该用户名已被使用');

    expect(run(['list']).stdout).toBe('zhang.dispatch\t派单员\t\t\n');

    const db = new DataSource({ type: 'better-sqlite3', database: path.join(dir, 'hotline.sqlite') });
    await db.initialize();
    try {
      const rows = await db.query(
        "SELECT s.must_change_password AS must, a.actor_id AS actor FROM staff_accounts s JOIN audit_log a ON a.subject_id = s.id AND a.action = 'staff.created'",
      );
      expect(rows).toEqual([{ must: 1, actor: 'cli' }]);
    } finally {
      await db.destroy();
    }
  });
});
