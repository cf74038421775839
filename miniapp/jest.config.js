'use strict';
/**
 * The mini-program's jest project. Only TypeScript is transformed: the weapp build under dist/ is loaded by
 * miniprogram-simulate exactly as Taro wrote it.
 */
module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@hotline/shared-types$': '<rootDir>/../shared-types/src/index.ts',
  },
};
