import type { CreateCaseRequest, CreateDisclosureApplication, DisclosureApplicationView } from '@hotline/shared-types';
import { maskIdNumber } from '@hotline/shared-types';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { createDisclosureApplicationSchema } from '@hotline/shared-types';
import { Conflict, Invalid, NotFound } from '../../lib/errors';
import type { Clock } from '../../lib/clock';
import type { IdGenerator } from '../../lib/ids';
import type { PiiCipher } from '../../lib/pii';
import type { CityContext } from '../city/city-context';
import type { PhotosRepository } from '../uploads/photos.repository';
import { currentDueAt, formatDate } from './deadline-state';
import type { DisclosureEventRecord, DisclosureRecord, DisclosureRepository } from './disclosure.repository';
import { applicantView, type ApplicantDetails } from './disclosure-view';

/** The 12345 intake, as this module needs it: a case filed for a citizen, idempotent on the key. */
export interface HotlineCases {
  fileFor(citizenId: string, idempotencyKey: string, input: CreateCaseRequest): Promise<string>;
}

export interface DisclosureDeps {
  dataSource: DataSource;
  disclosure: DisclosureRepository;
  photos: PhotosRepository;
  pii: PiiCipher;
  clock: Clock;
  ids: IdGenerator;
  city: CityContext;
  hotlineCases: HotlineCases;
  catalogItems: CatalogItemKeys;
}

/** Which of the given catalog item keys no published catalog has. */
export interface CatalogItemKeys {
  unknown(keys: string[]): Promise<string[]>;
}

type Application = z.output<typeof createDisclosureApplicationSchema>;
export type { CreateDisclosureApplication };

/** A timeline entry made by the change that takes the application to `version`. */
export function eventOf(
  deps: Pick<DisclosureDeps, 'ids'>,
  application: { id: string; version: number },
  at: Date,
  kind: string,
  text: string,
  staffId: string | null = null,
): DisclosureEventRecord {
  return {
    id: deps.ids.next(at),
    applicationId: application.id,
    version: application.version,
    at,
    kind,
    text,
    staffId,
  };
}

function applicantOf(body: Application): { details: ApplicantDetails; idType: string; idNumber: string } {
  const a = body.applicant;
  const email = body.email !== undefined ? { email: body.email } : {};
  if (a.kind === 'natural') {
    return {
      details: { name: a.name, phone: a.phone, address: a.address, ...email },
      idType: a.idType,
      idNumber: a.idNumber,
    };
  }
  return {
    details: {
      name: a.name,
      phone: a.phone,
      address: a.address,
      legalRepresentative: a.legalRepresentative,
      contactName: a.contactName,
      ...email,
    },
    idType: 'credit_code',
    idNumber: a.creditCode,
  };
}

/**
 * A citizen applies. The application waits for the office to confirm receipt: for an online application the date
 * received is the day both sides confirm it (art. 31 (3)), so no clock runs yet.
 */
export async function applyForDisclosure(
  deps: DisclosureDeps,
  citizenId: string,
  body: Application,
): Promise<DisclosureApplicationView> {
  const [photo] = await deps.photos.findOwned(citizenId, [body.idPhotoId]);
  if (!photo || photo.mediaCheck === 'risky') {
    throw new Invalid([{ path: 'idPhotoId', message: '证件照片不存在或已失效，请重新上传' }]);
  }
  const unknownItems = await deps.catalogItems.unknown(body.catalogItemKeys);
  if (unknownItems.length > 0) {
    throw new Invalid([{ path: 'catalogItemKeys', message: `目录中没有这些事项：${unknownItems.join('、')}` }]);
  }
  const now = deps.clock.now();
  const { details, idType, idNumber } = applicantOf(body);
  const row: DisclosureRecord = {
    id: deps.ids.next(now),
    citizenId,
    status: 'submitted',
    applicantType: body.applicant.kind === 'natural' ? 'natural' : body.applicant.orgType,
    applicantEnc: deps.pii.encrypt(JSON.stringify(details)),
    idType,
    idNumberEnc: deps.pii.encrypt(idNumber),
    idNumberHash: deps.pii.lookupHash(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    idPhotoId: photo.id,
    description: body.description,
    catalogItemKeys: body.catalogItemKeys,
    form: body.form,
    delivery: body.delivery,
    submittedAt: now,
    receivedAt: null,
    clockStartAt: null,
    dueAt: null,
    supplementMissing: null,
    supplementRequestedAt: null,
    supplementReplyBy: null,
    supplementAnsweredAt: null,
    originalDescription: null,
    extensionDays: null,
    extensionApprovedBy: null,
    extensionReason: null,
    outcome: null,
    legalBasis: null,
    provided: null,
    decidedAt: null,
    hotlineConsent: body.hotlineConsent,
    caseId: null,
    version: 1,
    updatedAt: now,
  };
  const event = eventOf(
    deps,
    row,
    now,
    'submitted',
    '申请已提交，待政府信息公开工作机构确认收到；确认之日为收到申请之日。',
  );
  await deps.disclosure.insert(row, event);
  return applicantView({ row, events: [event], letters: [] }, deps.pii);
}

async function ownApplication(deps: DisclosureDeps, citizenId: string, id: string): Promise<DisclosureRecord> {
  const row = await deps.disclosure.findById(id);
  if (!row || row.citizenId !== citizenId) throw new NotFound();
  return row;
}

export async function getMyApplication(deps: DisclosureDeps, citizenId: string, id: string) {
  const row = await ownApplication(deps, citizenId, id);
  const [events, letters] = await Promise.all([deps.disclosure.events(row.id), deps.disclosure.letters(row.id)]);
  return applicantView({ row, events, letters }, deps.pii);
}

export async function listMyApplications(deps: DisclosureDeps, citizenId: string) {
  const rows = await deps.disclosure.listForCitizen(citizenId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      description: r.description,
      submittedAt: r.submittedAt.toISOString(),
      dueAt: r.dueAt ? r.dueAt.toISOString() : null,
    })),
  };
}

/**
 * The applicant answers the 补正 notice in time: the corrected description replaces the first one (kept), and the
 * 20 working days count again from the day the corrected application arrives (art. 30).
 */
export async function answerSupplement(deps: DisclosureDeps, citizenId: string, id: string, description: string) {
  const row = await ownApplication(deps, citizenId, id);
  const now = deps.clock.now();
  if (row.status !== 'awaiting_supplement') throw new Conflict('INVALID_TRANSITION', '该申请当前无需补正');
  if (row.supplementReplyBy && now.getTime() > row.supplementReplyBy.getTime()) {
    throw new Conflict('INVALID_TRANSITION', '已超过补正期限，请重新提出申请');
  }
  const changed: DisclosureRecord = {
    ...row,
    status: 'processing',
    originalDescription: row.description,
    description,
    supplementAnsweredAt: now,
    clockStartAt: now,
    updatedAt: now,
  };
  changed.dueAt = currentDueAt(deps.city.calendar, changed, await deps.disclosure.consultations(id), now);
  const event = eventOf(
    deps,
    { id, version: row.version + 1 },
    now,
    'supplement_answered',
    `已收到补正后的申请，答复期限自今日重新计算${changed.dueAt ? `，至${formatDate(deps.city.calendar, changed.dueAt)}` : ''}。`,
  );
  const { id: _id, version: _v, citizenId: _c, ...changes } = changed;
  if (!(await deps.disclosure.update(id, row.version, changes, { events: [event] }))) {
    throw new Conflict('CONFLICT', '该申请刚被更新，请刷新后重试');
  }
  return getMyApplication(deps, citizenId, id);
}
