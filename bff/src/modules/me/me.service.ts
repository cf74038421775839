import { z } from 'zod';
import type { meSchema, myDataSchema } from '@hotline/shared-types';
import { Unauthenticated } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { PiiCipher } from '../../lib/pii';
import { audit } from '../audit/audit';
import type { CitizenRepository } from '../auth/citizen.repository';
import type { CityContext } from '../city/city-context';
import { contactOf, toDetail } from '../cases/case-view';
import type { CasesRepository } from '../cases/cases.repository';
import type { CasePhotos } from '../cases/ports';
import { eraseRatingComments } from '../surveys/surveys.service';

export interface MeServiceDeps {
  citizens: CitizenRepository;
  cases: CasesRepository;
  photos: CasePhotos;
  city: CityContext;
  pii: PiiCipher;
  clock: Clock;
  ids: IdGenerator;
}

const ERASED_CONTENT = '（用户已注销，内容已删除）';

export async function getMe(deps: MeServiceDeps, citizenId: string): Promise<z.infer<typeof meSchema>> {
  const citizen = await deps.citizens.findActive(citizenId);
  if (!citizen) throw new Unauthenticated('TOKEN_INVALID');
  return {
    id: citizen.id,
    createdAt: citizen.createdAt.toISOString(),
    caseCount: await deps.cases.countByCitizen(citizenId),
  };
}

/** The citizen's own data in full; reading their own contact data is audited like any full read. */
export async function exportMyData(
  deps: MeServiceDeps,
  citizenId: string,
  requestId: string,
): Promise<z.infer<typeof myDataSchema>> {
  const me = await getMe(deps, citizenId);
  const now = deps.clock.now();
  return deps.cases.transaction(async (manager) => {
    const rows = await deps.cases.listAllByCitizen(manager, citizenId);
    const cases = [];
    for (const row of rows) {
      const [events, photos] = await Promise.all([deps.cases.events(row.id, manager), deps.photos.listForCase(row.id)]);
      cases.push({ ...toDetail({ row, events, photos }, deps.city, deps.pii, now), contact: contactOf(row, deps.pii) });
    }
    await audit(manager, deps.ids, now, {
      actorType: 'citizen',
      actorId: citizenId,
      action: 'export_own_data',
      subjectType: 'citizen',
      subjectId: citizenId,
      requestId,
    });
    return { citizen: me, cases, exportedAt: now.toISOString() };
  });
}

/**
 * Account deletion: personal data goes (contact, address, coordinates, content, photos, the WeChat link);
 * what statistics need stays (type, category, region, dates, status, ratings without their comments).
 */
export async function deleteMe(deps: MeServiceDeps, citizenId: string, requestId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.cases.transaction(async (manager) => {
    const rows = await deps.cases.listAllByCitizen(manager, citizenId);
    await deps.cases.updateAll(
      manager,
      rows.map((r) => r.id),
      {
        title: ERASED_CONTENT,
        content: ERASED_CONTENT,
        contactNameEnc: null,
        contactPhoneEnc: null,
        contactPhoneHash: null,
        locationAddress: null,
        latitude: null,
        longitude: null,
        updatedAt: now,
      },
    );
    await deps.photos.deleteForCitizen(citizenId, manager);
    await eraseRatingComments(manager, citizenId);
    await deps.citizens.markDeleted(manager, citizenId, now);
    await audit(manager, deps.ids, now, {
      actorType: 'citizen',
      actorId: citizenId,
      action: 'delete_account',
      subjectType: 'citizen',
      subjectId: citizenId,
      requestId,
    });
  });
}
