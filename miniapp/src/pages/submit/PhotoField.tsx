import { Image, Text, View } from '@tarojs/components';
import { MAX_PHOTOS } from '@hotline/shared-types';
import type { usePhotos } from '../../hooks/usePhotos';

type Photos = ReturnType<typeof usePhotos>;

/** Up to nine photos: each shows its upload progress, a failed one is tapped to retry, 删除 removes it. */
export function PhotoField({ photos }: { photos: Photos }) {
  return (
    <View className="photos">
      <View className="photos__grid">
        {photos.slots.map((slot) => (
          <View key={slot.key} className={`photo photo--${slot.state}`}>
            <Image
              className="photo__image"
              src={slot.path}
              mode="aspectFill"
              onClick={() => (slot.state === 'failed' ? photos.retry(slot.key) : photos.preview(slot.key))}
            />
            {slot.state === 'uploading' && <Text className="photo__progress">上传中 {slot.progress}%</Text>}
            {slot.state === 'failed' && (
              <Text className="photo__failed" onClick={() => photos.retry(slot.key)}>
                {slot.error}
              </Text>
            )}
            <View className="photo__remove" onClick={() => photos.remove(slot.key)}>
              删除
            </View>
          </View>
        ))}
        {!photos.full && (
          <View className="photo-add" onClick={() => void photos.add()}>
            <Text className="photo-add__plus">＋</Text>
            <Text className="photo-add__label">添加照片</Text>
          </View>
        )}
      </View>
      <Text className="photos__count">
        {photos.slots.length}/{MAX_PHOTOS}
      </Text>
    </View>
  );
}
