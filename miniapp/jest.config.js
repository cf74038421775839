'use strict';
/**
 * The mini-program's jest project. TypeScript is transformed; the weapp build under dist/ is loaded by
 * miniprogram-simulate exactly as Taro wrote it. Page tests on Taro's H5 components (test/h5/*.test.tsx) also
 * need Taro's and Stencil's ES modules transformed.
 */
const swc = (syntax) => [
  '@swc/jest',
  {
    jsc: {
      parser: syntax === 'typescript' ? { syntax, tsx: true } : { syntax },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

/** Packages Taro's H5 components load as ES modules only. */
const H5_ESM = ['@tarojs', '@stencil', 'swiper', 'ssr-window', 'dom7', 'hls\\.js'].join('|');

module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/h5/**/*.test.tsx'],
  setupFiles: ['<rootDir>/test/h5/setup.ts'],
  transform: {
    '^.+\\.tsx?$': swc('typescript'),
    [`/node_modules/(${H5_ESM})/.+\\.m?js$`]: swc('ecmascript'),
  },
  // Everything under Taro's and Stencil's packages (their own nested node_modules included) is transformed.
  transformIgnorePatterns: [`^(?!.*/node_modules/(${H5_ESM})/).*/node_modules/`],
  moduleNameMapper: {
    '^@hotline/shared-types$': '<rootDir>/../shared-types/src/index.ts',
    '^@tarojs/components$': '<rootDir>/../node_modules/@tarojs/components/lib/react/index.js',
    '\\.(css|scss)$': '<rootDir>/test/h5/style-stub.js',
  },
};
