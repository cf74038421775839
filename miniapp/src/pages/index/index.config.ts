export default definePageConfig({
  navigationBarTitleText: '12345 市民诉求',
  enableShareAppMessage: true,
});
