import type { PhotoMime } from '@hotline/shared-types';
import sharp from 'sharp';
import { DomainError, Invalid, UnsupportedType } from '../../lib/errors';

export type ImageFormat = 'jpeg' | 'png' | 'webp';

export const MIME_OF: Record<ImageFormat, PhotoMime> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
export const EXTENSION_OF: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/** Longest side of a stored photo: enough to read a street sign, far less than a phone camera's 4000+. */
export const LONG_EDGE_MAX = 2560;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The format by the file's own first bytes; the name and the declared type are never trusted. */
export function sniffImageFormat(bytes: Buffer): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

export interface EncodedImage {
  bytes: Buffer;
  mime: PhotoMime;
  width: number;
  height: number;
}

export const unsupportedImage = (): DomainError => {
  const message = '仅支持 JPG、PNG、WebP 格式的图片';
  return new UnsupportedType(message, [{ path: 'file', message }]);
};

/**
 * Decodes and encodes the image again, so only pixels survive: EXIF orientation is applied, then every piece of
 * metadata is dropped (EXIF with GPS, XMP, IPTC, and the ICC profile, sharp converting the pixels to sRGB);
 * the long edge is capped; the format stays the same. A decoding problem, truncation included, is a 400.
 */
export async function reencode(original: Buffer, format: ImageFormat, maxPixels: number): Promise<EncodedImage> {
  const pipeline = sharp(original, { limitInputPixels: maxPixels, failOn: 'error' })
    .rotate()
    .resize({ width: LONG_EDGE_MAX, height: LONG_EDGE_MAX, fit: 'inside', withoutEnlargement: true });
  const encoder =
    format === 'jpeg'
      ? pipeline.jpeg({ quality: 85 })
      : format === 'png'
        ? pipeline.png()
        : pipeline.webp({ quality: 85 });
  try {
    const { data, info } = await encoder.toBuffer({ resolveWithObject: true });
    return { bytes: data, mime: MIME_OF[format], width: info.width, height: info.height };
  } catch (error) {
    if (/pixel limit/i.test((error as Error).message)) {
      throw new Invalid([{ path: 'file', message: '图片尺寸过大，请缩小后再上传' }]);
    }
    throw new Invalid([{ path: 'file', message: '图片已损坏或格式不正确' }]);
  }
}
