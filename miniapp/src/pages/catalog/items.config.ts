export default definePageConfig({
  navigationBarTitleText: '公开事项',
  enableShareAppMessage: true,
});
