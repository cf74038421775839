import { z } from 'zod';

export const healthSchema = z.object({ status: z.literal('ok') });

export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: z.enum(['ok', 'unreachable']),
    migrations: z.enum(['applied', 'pending', 'unknown']),
    /** Present only when Redis is configured. */
    redis: z.enum(['ok', 'unreachable']).optional(),
  }),
});
export type Readiness = z.infer<typeof readinessSchema>;
