import { z } from 'zod';

/** The image formats a citizen can upload; the stored copy is re-encoded in the same format. */
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIME_TYPES)[number];

export const photoIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: '图片编号无效' });
export const photoParamsSchema = z.object({ id: z.string().max(64) });

/** Where the owner fetches a photo, with their Authorization header. */
export const photoUrlOf = (id: string): string => `/api/v1/photos/${id}`;

export const uploadedPhotoSchema = z.object({
  id: photoIdSchema,
  mime: z.enum(PHOTO_MIME_TYPES).describe('Format of the stored copy: the same as the upload'),
  bytes: z.number().int().positive().describe('Size of the stored, re-encoded copy'),
  width: z.number().int().positive().describe('After EXIF orientation and the long-edge cap'),
  height: z.number().int().positive(),
  url: z.string().describe('Path of GET /api/v1/photos/:id, for the owner only'),
});
export type UploadedPhoto = z.infer<typeof uploadedPhotoSchema>;

export const signedPhotoQuerySchema = z.object({
  exp: z.coerce.number().int().positive().describe('Expiry of the link, Unix seconds'),
  sig: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('Hex HMAC-SHA256 over the photo id and exp'),
});
export type SignedPhotoQuery = z.infer<typeof signedPhotoQuerySchema>;

/** Photo endpoints answer with the image itself, not JSON. */
export const photoImageSchema = z.string().meta({
  format: 'binary',
  description: 'The image bytes; Content-Type is image/jpeg, image/png or image/webp',
});
