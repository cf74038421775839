export default definePageConfig({
  navigationBarTitleText: '与上级目录的差异',
  enableShareAppMessage: true,
});
