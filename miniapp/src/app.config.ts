export default defineAppConfig({
  pages: ['pages/index/index', 'pages/submit/index', 'pages/cases/index', 'pages/detail/index', 'pages/privacy/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '12345 市民诉求',
    navigationBarTextStyle: 'black',
  },
  lazyCodeLoading: 'requiredComponents',
  // H5 page-switch animation sometimes left the previous page hidden after a quick back navigation.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});
