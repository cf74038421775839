import { fieldIssuesOf } from '@hotline/shared-types';
import type { z } from 'zod';
import { Invalid } from '../lib/errors';

/** Parses untrusted input with a shared schema; a failure is a 400 listing every field problem. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Invalid(fieldIssuesOf(result.error));
  return result.data;
}
