import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, withDemoSecrets, type Config } from '@hotline/config';
import { startServer } from './server';

const repoRoot = path.resolve(__dirname, '../..');

/** In demo mode the WeChat API is the loopback simulator, started in this process. */
async function demoOutsideSystems(config: Config): Promise<{ config: Config; stop: () => Promise<void> }> {
  if (config.wechat.apiBaseUrl) return { config, stop: async () => undefined };
  const { startWechatSimulator } = await import('@hotline/simulators');
  const wechat = await startWechatSimulator({
    appId: config.wechat.appId as string,
    appSecret: config.wechat.appSecret as string,
  });
  return { config: { ...config, wechat: { ...config.wechat, apiBaseUrl: wechat.url } }, stop: wechat.close };
}

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
  let stopOutside = async (): Promise<void> => undefined;
  if (config.mode === 'demo') {
    config = withDemoSecrets(config, path.resolve(path.dirname(path.resolve(config.db.sqlitePath))));
    const h5Dir = path.join(repoRoot, 'miniapp/dist-h5');
    if (!config.http.h5Dir && existsSync(h5Dir)) config = { ...config, http: { ...config.http, h5Dir } };
    const outside = await demoOutsideSystems(config);
    config = outside.config;
    stopOutside = outside.stop;
  }
  const bff = await startServer(config);
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
    const shown = config.http.publicUrl ?? bff.url.replace('127.0.0.1', 'localhost');
    process.stdout.write(
      `\n  12345 微信通道（演示模式，示例数据）\n  打开 ${shown}/ 试用 H5 版；API 文档 ${shown}/api/docs\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
