import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a module of this package in a worker thread, whether the package runs compiled (`dist/*.js`) or from
 * its TypeScript sources (jest, where `@hotline/*` resolve to the workspaces' sources): a source worker is
 * bootstrapped through @swc/register with the same mapping, since Node cannot load `.ts` on its own.
 */
export function startWorker(
  moduleFile: string,
  options: { workerData: unknown; transferList?: ArrayBuffer[]; resourceLimits?: ResourceLimits },
): Worker {
  if (moduleFile.endsWith('.js'))
    return new Worker(moduleFile, { ...options, transferList: options.transferList ?? [] });
  const root = path.resolve(__dirname, '../../..');
  const sources = {
    '@hotline/shared-types': path.join(root, 'shared-types/src/index.ts'),
    '@hotline/config': path.join(root, 'config/src/index.ts'),
  };
  const bootstrap = `
    const Module = require('node:module');
    const sources = ${JSON.stringify(sources)};
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      return resolve.call(this, sources[request] ?? request, ...rest);
    };
    require(${JSON.stringify(require.resolve('@swc/register'))})({
      jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true }, target: 'es2022' },
      module: { type: 'commonjs' },
      extensions: ['.ts'],
    });
    require(${JSON.stringify(moduleFile)});
  `;
  return new Worker(bootstrap, { ...options, eval: true, transferList: options.transferList ?? [] });
}
