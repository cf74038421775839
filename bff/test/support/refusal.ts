import { httpStatusOf } from '../../src/http/error-middleware';
import { DomainError } from '../../src/lib/errors';

/**
 * What the client would see of a use case's refusal: the HTTP status the error middleware gives it, with its
 * code, message and details. Fails the test when the attempt succeeds or throws something that is not ours.
 */
export async function refusal(attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { status: httpStatusOf(error), code: error.code, message: error.message, details: error.details };
}
