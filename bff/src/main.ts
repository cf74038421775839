import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, withDemoSecrets, type Config } from '@hotline/config';
import { startDemoOutside, type DemoOutside } from './demo';
import { demoStaffPassword, seedDemoStaff } from './modules/staff/demo-staff';
import { startServer } from './server';

const repoRoot = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee docs/configuration.md.\n`);
      process.exit(78);
    }
    throw error;
  }
  let outside: DemoOutside | undefined;
  if (config.mode === 'demo') {
    config = withDemoSecrets(config, path.resolve(path.dirname(path.resolve(config.db.sqlitePath))));
    const h5Dir = path.join(repoRoot, 'miniapp/dist-h5');
    if (!config.http.h5Dir && existsSync(h5Dir)) config = { ...config, http: { ...config.http, h5Dir } };
    // Signed photo links must be absolute for the (simulated) WeChat image check to fetch them.
    if (!config.http.publicUrl && config.http.port !== 0) {
      config = { ...config, http: { ...config.http, publicUrl: `http://localhost:${config.http.port}` } };
    }
    outside = await startDemoOutside(config);
    config = outside.config;
  }
  const bff = await startServer(config);
  outside?.connect(bff.url);
  const stopOutside = async (): Promise<void> => outside?.stop();
  const shutdown = (signal: string): void => {
    bff.logger.info({ signal }, 'signal received');
    bff
      .stop()
      .then(stopOutside)
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        bff.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  if (config.mode === 'demo') {
    const tokenSecret = config.auth.tokenSecret as string;
    const accounts = await seedDemoStaff(bff.dataSource, tokenSecret, config.staff.passwordCostLog2);
    const shown = config.http.publicUrl ?? bff.url.replace('127.0.0.1', 'localhost');
    process.stdout.write(
      `\n  12345 微信通道（演示模式，示例数据）\n  打开 ${shown}/ 试用 H5 版；API 文档 ${shown}/api/docs\n` +
        `  12345 工单系统模拟器：${outside?.hotline.url ?? ''}/__control/（受理、派单、答复、办结）\n` +
        `  微信模拟器：${outside?.wechat.url ?? ''}/__control/（市民收到的订阅消息）\n` +
        `  工作人员后台 ${shown}/admin/ 演示账号 ${accounts.join(' / ')}，密码 ${demoStaffPassword(tokenSecret)}\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
