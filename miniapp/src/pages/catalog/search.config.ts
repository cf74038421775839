export default definePageConfig({
  navigationBarTitleText: '搜索公开事项',
  enableShareAppMessage: true,
});
