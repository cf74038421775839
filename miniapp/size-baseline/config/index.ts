import { defineConfig } from '@tarojs/cli';

/**
 * An almost empty Taro app built by the mini-program's own toolchain, for `npm run size` to compare against:
 * what Taro and React cost before any page of ours. Output goes where SIZE_BASELINE_OUT says.
 */
export default defineConfig<'webpack5'>({
  projectName: 'size-baseline',
  date: '2026-11-27',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: process.env.SIZE_BASELINE_OUT ?? 'dist',
  plugins: [],
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  mini: {},
});
