import { Switch, Text, View } from '@tarojs/components';
import { useCareMode } from '../../hooks/useCareMode';
import './index.scss';

/** The visible 关怀模式 entry: larger text and buttons on every page, remembered across restarts. */
export function CareModeSwitch() {
  const careMode = useCareMode();
  return (
    <View className="care-mode-row">
      <View className="care-mode-row__text">
        <Text className="care-mode-row__label">关怀模式</Text>
        <Text className="care-mode-row__state">{careMode.on ? '已开启：大字体、大按钮' : '未开启'}</Text>
      </View>
      <Switch
        className="care-mode-switch"
        checked={careMode.on}
        onChange={(event) => careMode.set(event.detail.value)}
      />
    </View>
  );
}
