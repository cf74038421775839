import { Conflict } from '../../lib/errors';
import type { CitizenRepository } from '../auth/citizen.repository';
import { submitCase, type CasesServiceDeps } from '../cases/cases.service';
import type { HotlineCases } from './disclosure.service';

/** Cases filed through the ordinary intake: same checks, same outbox to the 12345 system as a citizen's own. */
export function hotlineCasesFor(cases: CasesServiceDeps, citizens: CitizenRepository): HotlineCases {
  return {
    async fileFor(citizenId, idempotencyKey, input) {
      const citizen = await citizens.findActive(citizenId);
      if (!citizen) throw new Conflict('INVALID_TRANSITION', '申请人账户已注销，无法转为12345诉求');
      const { detail } = await submitCase(cases, { id: citizen.id, openid: citizen.openid }, idempotencyKey, input);
      return detail.id;
    },
  };
}
