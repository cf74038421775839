import Taro from '@tarojs/taro';

/**
 * WeChat downloads a new version in the background while the old one runs; once it is ready the citizen is
 * offered a restart, so a fix reaches phones the same day instead of at some later cold start.
 */
export function offerNewVersions(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.getUpdateManager !== 'function') return;
  const manager = Taro.getUpdateManager();
  manager.onUpdateReady(() => {
    void Taro.showModal({
      title: '发现新版本',
      content: '新版本已经准备好，是否重启小程序使用新版本？未提交的诉求草稿会保留。',
      confirmText: '重启',
      cancelText: '稍后',
    }).then(({ confirm }) => {
      if (confirm) manager.applyUpdate();
    });
  });
}
