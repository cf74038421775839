import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { MAX_PHOTOS } from '@hotline/shared-types';
import { api } from '../services/api';
import { ApiError } from '../services/http';
import type { DraftPhoto } from './useCaseDraft';

/** One photo on the form: uploaded (it has an id), on its way (progress 0–100), or failed (tap to retry). */
export interface PhotoSlot {
  key: string;
  path: string;
  state: 'uploading' | 'done' | 'failed';
  progress: number;
  id?: string;
  error?: string;
}

const UPLOAD_FAILURE = '照片上传失败，点击重试';
const COMPRESS_QUALITY = 80;

let slotSerial = 0;
const nextKey = () => `photo-${(slotSerial += 1)}`;

/** Smaller files upload faster on a weak network; where compressing is not offered (H5) the original goes. */
async function compressed(path: string): Promise<string> {
  if (process.env.TARO_ENV !== 'weapp') return path;
  try {
    return (await Taro.compressImage({ src: path, quality: COMPRESS_QUALITY })).tempFilePath;
  } catch {
    return path;
  }
}

/** Local paths of photos the citizen picked from the album or took with the camera. */
async function choose(count: number): Promise<string[]> {
  if (process.env.TARO_ENV === 'weapp') {
    // Taro hands wx.chooseMedia through unwrapped: callbacks work on every base library, promises not.
    const { tempFiles } = await new Promise<Taro.chooseMedia.SuccessCallbackResult>((resolve, reject) => {
      void Taro.chooseMedia({
        count,
        mediaType: ['image'],
        sizeType: ['compressed'],
        success: resolve,
        fail: reject,
      });
    });
    return tempFiles.map((file) => file.tempFilePath);
  }
  const { tempFilePaths } = await Taro.chooseImage({ count, sizeType: ['compressed'] });
  return tempFilePaths;
}

/**
 * The photos of the case form: chosen, compressed and uploaded one by one with progress; the uploaded ones are
 * handed to `onUploaded` (the draft keeps them, so they survive a restart).
 */
export function usePhotos(initial: DraftPhoto[], onUploaded: (photos: DraftPhoto[]) => void) {
  const [slots, setSlots] = useState<PhotoSlot[]>(() =>
    initial.map((photo) => ({ key: nextKey(), path: photo.path, state: 'done', progress: 100, id: photo.id })),
  );
  const reported = useRef(onUploaded);
  reported.current = onUploaded;
  const lastDone = useRef(JSON.stringify(initial));

  useEffect(() => {
    const done = slots.flatMap((slot) => (slot.state === 'done' && slot.id ? [{ id: slot.id, path: slot.path }] : []));
    const serialized = JSON.stringify(done);
    if (serialized === lastDone.current) return;
    lastDone.current = serialized;
    reported.current(done);
  }, [slots]);

  const update = (key: string, changes: Partial<PhotoSlot>) => {
    setSlots((current) => current.map((slot) => (slot.key === key ? { ...slot, ...changes } : slot)));
  };

  const send = useCallback(async (key: string, path: string) => {
    update(key, { state: 'uploading', progress: 0, error: undefined });
    try {
      const uploaded = await api.uploadPhoto(await compressed(path), (progress) => update(key, { progress }));
      update(key, { state: 'done', progress: 100, id: uploaded.id });
    } catch (error) {
      const message = error instanceof ApiError ? `${error.message}，点击重试` : UPLOAD_FAILURE;
      update(key, { state: 'failed', error: message });
    }
  }, []);

  const add = useCallback(async () => {
    const room = MAX_PHOTOS - slots.length;
    if (room <= 0) return;
    let paths: string[];
    try {
      paths = (await choose(room)).slice(0, room);
    } catch {
      return; // Cancelled, or the privacy authorization was refused.
    }
    const added = paths.map((path) => ({ key: nextKey(), path, state: 'uploading' as const, progress: 0 }));
    setSlots((current) => [...current, ...added]);
    for (const slot of added) await send(slot.key, slot.path);
  }, [slots.length, send]);

  const retry = useCallback(
    (key: string) => {
      const slot = slots.find((candidate) => candidate.key === key);
      if (slot?.state === 'failed') void send(slot.key, slot.path);
    },
    [slots, send],
  );

  const remove = useCallback((key: string) => {
    setSlots((current) => current.filter((slot) => slot.key !== key));
  }, []);

  const preview = useCallback(
    (key: string) => {
      const current = slots.find((slot) => slot.key === key);
      if (!current) return;
      void Taro.previewImage({ current: current.path, urls: slots.map((slot) => slot.path) });
    },
    [slots],
  );

  const busy = slots.some((slot) => slot.state === 'uploading');
  return { slots, add, retry, remove, preview, busy, full: slots.length >= MAX_PHOTOS };
}
