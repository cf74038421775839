export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/submit/index',
    'pages/cases/index',
    'pages/detail/index',
    'pages/privacy/index',
    'pages/me/index',
  ],
  // Secondary flows load on demand, keeping the main package small; they are fetched ahead where they are likely.
  subPackages: [
    { root: 'pages/catalog', pages: ['index', 'items', 'item', 'search', 'diff'] },
    { root: 'pages/survey', pages: ['index'] },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pages/catalog'] },
    'pages/detail/index': { network: 'all', packages: ['pages/survey'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '12345 市民诉求',
    navigationBarTextStyle: 'black',
  },
  lazyCodeLoading: 'requiredComponents',
  // Location APIs must be declared or they fail on a device (test/weapp-production.test.ts checks src/ against it).
  requiredPrivateInfos: ['chooseLocation'],
  sitemapLocation: 'sitemap.json',
  // H5 page-switch animation sometimes left the previous page hidden after a quick back navigation.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});
