import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, withDemoSecrets } from '@hotline/config';
import { createStaffRequestSchema, fieldIssuesOf, passwordSchema, STAFF_ROLES } from '@hotline/shared-types';
import { createDataSource } from '../../db/data-source';
import { systemClock } from '../../lib/clock';
import { ulidGenerator } from '../../lib/ids';
import { audit } from '../audit/audit';
import { hashPassword } from './password';
import { StaffRepository } from './staff.repository';
import { createStaff } from './staff.service';

const USAGE = `usage:
  npm run staff -- create --username <name> --role <${Object.keys(STAFF_ROLES).join('|')}> --name <显示名>
                          [--unit <承办单位>] [--region <区划代码>]
  npm run staff -- reset-password --username <name>
  npm run staff -- unlock --username <name>
  npm run staff -- list
The initial password is read from STAFF_PASSWORD, or generated and printed once; the person must change it at
first login.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function initialPassword(): { password: string; generated: boolean } {
  const given = process.env.STAFF_PASSWORD;
  if (given) {
    const checked = passwordSchema.safeParse(given);
    if (!checked.success) fail(`STAFF_PASSWORD: ${checked.error.issues.map((i) => i.message).join('; ')}`);
    return { password: given, generated: false };
  }
  return { password: `${randomBytes(12).toString('base64url')}7a`, generated: true };
}

/** `npm run staff -- …`: staff accounts from the command line, against the configured database. */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      region: { type: 'string' },
    },
    strict: true,
  });
  let config = loadConfig();
  if (config.mode === 'demo') {
    config = withDemoSecrets(config, path.resolve(path.dirname(path.resolve(config.db.sqlitePath))));
  }
  const dataSource = createDataSource(config.db);
  await dataSource.initialize();
  try {
    if (config.db.migrateOnStart ?? config.mode === 'demo') await dataSource.runMigrations({ transaction: 'each' });
    const staff = new StaffRepository(dataSource);
    const deps = {
      staff,
      clock: systemClock,
      ids: ulidGenerator,
      staffSettings: { passwordCostLog2: config.staff.passwordCostLog2 },
    };
    const now = systemClock.now();
    switch (command) {
      case 'create': {
        const { password, generated } = initialPassword();
        const parsed = createStaffRequestSchema.safeParse({
          username: values.username,
          displayName: values.name,
          role: values.role,
          ...(values.unit ? { unit: values.unit } : {}),
          ...(values.region ? { regionCode: values.region } : {}),
          password,
        });
        if (!parsed.success) {
          fail(
            fieldIssuesOf(parsed.error)
              .map((i) => `${i.path || 'input'}: ${i.message}`)
              .join('\n'),
          );
        }
        const created = await createStaff(deps, parsed.data, { type: 'system', id: 'cli' });
        process.stdout.write(`created ${created.username} (${STAFF_ROLES[created.role]}) id=${created.id}\n`);
        if (generated) process.stdout.write(`initial password (shown once): ${password}\n`);
        return;
      }
      case 'reset-password':
      case 'unlock': {
        const row = values.username ? await staff.findByUsername(values.username.toLowerCase()) : null;
        if (!row) fail(`no staff account ${values.username ?? '(missing --username)'}`);
        const changes =
          command === 'unlock'
            ? { failedLogins: 0, lockedUntil: null, updatedAt: now }
            : {
                ...(await (async () => {
                  const { password, generated } = initialPassword();
                  if (generated) process.stdout.write(`new initial password (shown once): ${password}\n`);
                  return { passwordHash: await hashPassword(password, config.staff.passwordCostLog2) };
                })()),
                mustChangePassword: true,
                failedLogins: 0,
                lockedUntil: null,
                tokenVersion: row.tokenVersion + 1,
                updatedAt: now,
              };
        await staff.transaction(async (manager) => {
          await staff.update(manager, row.id, changes);
          await audit(manager, ulidGenerator, now, {
            actorType: 'system',
            actorId: 'cli',
            action: command === 'unlock' ? 'staff.unlocked' : 'staff.updated',
            subjectType: 'staff',
            subjectId: row.id,
            ...(command === 'unlock' ? {} : { reason: 'password reset' }),
          });
        });
        process.stdout.write(`${command === 'unlock' ? 'unlocked' : 'password reset for'} ${row.username}\n`);
        return;
      }
      case 'list':
        for (const row of await staff.list()) {
          process.stdout.write(
            `${row.username}\t${STAFF_ROLES[row.role]}\t${row.unit ?? ''}\t${row.disabled ? '已停用' : ''}\n`,
          );
        }
        return;
      default:
        fail(USAGE);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
