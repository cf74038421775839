import { z } from 'zod';
import { caseDetailSchema } from './cases';

export const meSchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  caseCount: z.number().int(),
});

/** Everything we hold about the citizen, with their own contact data in full (the read is audited). */
export const myDataSchema = z.object({
  citizen: meSchema,
  cases: z.array(
    caseDetailSchema.extend({
      contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    }),
  ),
  exportedAt: z.iso.datetime(),
});

export const deleteMeRequestSchema = z.strictObject({
  confirm: z.literal('注销', { error: '请输入“注销”确认' }),
});

export const categorySchema = z.object({
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  kind: z.enum(['disclosure_area', 'city_category']),
});
export const categoryListSchema = z.object({ items: z.array(categorySchema) });
export type Category = z.infer<typeof categorySchema>;
