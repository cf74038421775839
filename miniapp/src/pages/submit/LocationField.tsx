import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CaseDraft, DraftFields } from '../../hooks/useCaseDraft';
import type { CaseFormErrors } from '../../hooks/useCaseForm';
import { FieldError } from './FieldError';

const ADDRESS_MAX = 200;

interface Props {
  draft: CaseDraft;
  errors: CaseFormErrors;
  change: (changes: Partial<DraftFields>) => void;
}

/** The place: typed, or picked on WeChat's map (which fills the address and keeps the position). */
export function LocationField({ draft, errors, change }: Props) {
  const pickOnMap = async () => {
    try {
      const place = await Taro.chooseLocation({});
      const address = [place.address, place.name].filter(Boolean).join(' ').slice(0, ADDRESS_MAX);
      change({ address, latitude: place.latitude, longitude: place.longitude });
    } catch {
      // Cancelled, or the privacy authorization was refused: the typed address stays.
    }
  };
  const located = draft.latitude !== null && draft.longitude !== null;
  return (
    <View className="location">
      <Input
        className="text-input address-input"
        value={draft.address}
        placeholder="如：源汇区沙澧河风景区西段"
        maxlength={ADDRESS_MAX}
        onInput={(event) => change({ address: event.detail.value, latitude: null, longitude: null })}
      />
      {process.env.TARO_ENV === 'weapp' && (
        <View className="location__pick link-button" onClick={() => void pickOnMap()}>
          {located ? '已在地图上选点，重新选择' : '在地图上选择位置'}
        </View>
      )}
      <FieldError errors={errors} field="address" />
    </View>
  );
}
