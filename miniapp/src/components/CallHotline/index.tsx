import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { city } from '../../services/city';
import './index.scss';

/** Dials the city's hotline; WeChat asks the citizen to confirm before calling. */
export function callHotline(): void {
  void Taro.makePhoneCall({ phoneNumber: city.hotline }).catch(() => undefined);
}

/** A button that calls the hotline, labelled with its number, wherever the text says to call it. */
export function CallHotline({ label = `拨打${city.hotline}热线` }: { label?: string }) {
  return (
    <View className="call-hotline" onClick={callHotline}>
      {label}
    </View>
  );
}
