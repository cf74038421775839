import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * The BFF origin baked into the bundle. Taro only reads TARO_APP_* from .env files, so a value given in the
 * shell is passed on here. H5 is served by the BFF itself, hence same origin ('') by default.
 */
function apiBase(): string {
  const fromShell = process.env.TARO_APP_API_BASE;
  if (fromShell !== undefined) return fromShell;
  return process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000';
}

/**
 * The subscription message templates asked for on the submit tap (at most three, comma-separated). Demo ids by
 * default: the WeChat simulator accepts any; a real deployment sets its own.
 */
function subscribeTemplateIds(): string {
  return process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS ?? 'demo-case-progress,demo-case-reply,demo-case-survey';
}

/**
 * The shared types are bundled from their ES module source, not their CommonJS build, and marked free of side
 * effects: webpack then keeps only the schemas the pages use (and zod's ES build without its locales), instead
 * of every staff and catalog-editing schema.
 */
const SHARED_TYPES_SOURCE = path.resolve(__dirname, '../../shared-types/src');

/** The part of webpack-chain used here. */
interface WebpackChain {
  module: { rule(name: string): { test(pattern: RegExp): { set(key: string, value: unknown): unknown } } };
}

function treeShakeSharedTypes(chain: WebpackChain): void {
  chain.module
    .rule('shared-types-without-side-effects')
    .test(/shared-types[\\/]src[\\/]/)
    .set('sideEffects', false);
}

// https://docs.taro.zone/docs/next/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'hotline-miniapp',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    alias: {
      '@hotline/shared-types': path.join(SHARED_TYPES_SOURCE, 'index.ts'),
    },
    outputRoot: process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist',
    plugins: [],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase()),
      TARO_APP_SUBSCRIBE_TEMPLATE_IDS: JSON.stringify(subscribeTemplateIds()),
    },
    defineConstants: {},
    copy: {
      patterns: [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    mini: {
      webpackChain: treeShakeSharedTypes,
      compile: { include: [SHARED_TYPES_SOURCE] },
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      webpackChain: treeShakeSharedTypes,
      compile: { include: [SHARED_TYPES_SOURCE] },
      publicPath: '/',
      staticDirectory: 'static',
      router: {
        mode: 'hash',
      },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
