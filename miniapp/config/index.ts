import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { productionProblems, resolveBuildSettings, type BuildSettings } from './build-settings';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * The shared types are bundled from their ES module source, not their CommonJS build, and marked free of side
 * effects: webpack then keeps only the schemas the pages use (and zod's ES build without its locales), instead
 * of every staff and catalog-editing schema.
 */
const SHARED_TYPES_SOURCE = path.resolve(__dirname, '../../shared-types/src');

/**
 * Dependencies that ship syntax newer than ES2017 (zod: `?.`, `??`), which the iOS JavaScriptCore of older
 * phones cannot parse; babel brings them down with our own code (test/weapp-production.test.ts parses dist).
 */
const UNTRANSPILED_DEPENDENCIES = /[\\/]node_modules[\\/]zod[\\/]/;

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

/**
 * A weapp package built for anything but local development is one a city may upload: it must not carry
 * settings that fail on a phone or in review. The build stops here, before webpack, with every problem listed.
 */
function refuseUnshippable(settings: BuildSettings, mode: string): void {
  if (process.env.TARO_ENV !== 'weapp' || mode === 'development') return;
  const problems = productionProblems(settings);
  if (problems.length === 0) return;
  const files = `miniapp/.env.${mode} (or .env.${mode}.local)`;
  process.stderr.write(`\n✖ this weapp build cannot be uploaded; set in ${files}:\n  - ${problems.join('\n  - ')}\n\n`);
  process.exit(1);
}

/**
 * Weapp builds go by mode: `dist` is the package a city uploads (production), `dist-<mode>` the others, e.g.
 * `dist-development` against a BFF on this machine for WeChat's developer tools and the weapp tests.
 */
function outputRoot(mode: string): string {
  if (process.env.TARO_ENV === 'h5') return 'dist-h5';
  return mode === 'production' ? 'dist' : `dist-${mode}`;
}

// https://docs.taro.zone/docs/next/config
export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const settings = resolveBuildSettings(mode, process.env.TARO_ENV);
  refuseUnshippable(settings, mode);
  // Taro writes the appid into the package's project.config.json from the shell's TARO_APP_ID only.
  if (settings.appId) process.env.TARO_APP_ID = settings.appId;
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
    outputRoot: outputRoot(mode),
    plugins: [],
    // Constants, not `env`: Taro lays the .env files' values over `env`, so the shell could not win there.
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(settings.apiBase),
      'process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS': JSON.stringify(settings.subscribeTemplateIds),
      HOTLINE_CITY: JSON.stringify(settings.city),
    },
    copy: {
      // Which pages WeChat search may index (app.config.ts sitemapLocation); H5 has no use for it.
      patterns:
        process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: `${outputRoot(mode)}/sitemap.json` }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    mini: {
      webpackChain: treeShakeSharedTypes,
      compile: { include: [SHARED_TYPES_SOURCE, UNTRANSPILED_DEPENDENCIES] },
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
