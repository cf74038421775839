import { createDisclosureApplicationSchema, type DisclosureAction } from '@hotline/shared-types';
import sharp from 'sharp';
import type { ObjectStorage } from '../../../adapters/storage/object-storage';
import { CitizenEntity } from '../../auth/citizen.entity';
import { CitizenRepository } from '../../auth/citizen.repository';
import { PhotosRepository } from '../../uploads/photos.repository';
import { PhotoLinkSigner } from '../../uploads/signed-url';
import { uploadPhoto, type UploadSettings } from '../../uploads/uploads.service';
import type { Logger } from '../../../logger';
import { actOnApplication } from '../disclosure-handling';
import { DisclosureRepository } from '../disclosure.repository';
import { applyForDisclosure, type DisclosureDeps } from '../disclosure.service';

export interface SampleDeps extends DisclosureDeps {
  storage: ObjectStorage;
  uploads: UploadSettings;
  links: PhotoLinkSigner;
  logger: Logger;
  mediaChecker?: undefined;
}

/** The sample's collaborators from the app's: no image checks, and no 12345 filing (no sample consents to one). */
export function sampleDepsOf(
  deps: Omit<SampleDeps, 'disclosure' | 'photos' | 'links' | 'hotlineCases' | 'catalogItems' | 'mediaChecker'> & {
    tokens: { secret: string };
  },
): SampleDeps {
  return {
    ...deps,
    disclosure: new DisclosureRepository(deps.dataSource),
    photos: new PhotosRepository(deps.dataSource),
    links: new PhotoLinkSigner(deps.tokens.secret, deps.uploads.signedUrlTtlSeconds),
    hotlineCases: { fileFor: () => Promise.reject(new Error('sample applications file no 12345 case')) },
    catalogItems: { unknown: async () => [] },
    mediaChecker: undefined,
  };
}

type Year = 'last' | 'this';
type Step = [year: Year, monthDay: string, action: Omit<DisclosureAction, 'version'>];

interface Sample {
  year: Year;
  submitted: string;
  applicant: Record<string, unknown>;
  description: string;
  steps: Step[];
}

const person = (name: string, idNumber: string) => ({
  kind: 'natural',
  name,
  idType: 'resident_id',
  idNumber,
  phone: '13800000000',
  address: '漯河市源汇区示例路1号（示例）',
});
const organisation = (orgType: string, name: string) => ({
  kind: 'organisation',
  orgType,
  name,
  creditCode: '91350100M000100Y43',
  legalRepresentative: '示例代表',
  contactName: '示例联系人',
  phone: '0395-0000000',
  address: '漯河市郾城区示例路2号（示例）',
});
const decide = (outcome: string, legalBasis: string, provided: string) =>
  ({ action: 'decide', outcome, legalBasis, provided }) as Omit<DisclosureAction, 'version'>;
const confirm = { action: 'confirm_receipt' } as Omit<DisclosureAction, 'version'>;

/** 示例数据: enough history for the queue, the timelines, the letters and two years of the annual report. */
const SAMPLES: Sample[] = [
  {
    year: 'last',
    submitted: '11-10',
    applicant: person('示例甲', '11010519491231002X'),
    description: '（示例）申请公开本市老旧小区改造项目年度资金安排文件',
    steps: [
      ['last', '11-10', confirm],
      [
        'last',
        '11-25',
        decide('disclose.full', '《中华人民共和国政府信息公开条例》第三十六条第（二）项', '已通过在线查看提供'),
      ],
    ],
  },
  {
    year: 'last',
    submitted: '12-22',
    applicant: organisation('commercial', '（示例）漯河某某建设有限公司'),
    description: '（示例）申请公开某道路改造工程招标文件及中标结果',
    steps: [
      ['last', '12-22', confirm],
      [
        'this',
        '01-12',
        decide('partial.partial', '《中华人民共和国政府信息公开条例》第三十七条', '已提供中标结果，报价部分不予公开'),
      ],
    ],
  },
  {
    year: 'this',
    submitted: '01-14',
    applicant: person('示例乙', '440524188001010014'),
    description: '（示例）申请公开本区2025年度城市综合执法检查计划',
    steps: [
      ['this', '01-14', confirm],
      [
        'this',
        '01-15',
        {
          action: 'request_supplement',
          missing: '请写明所需文件的年份和发文机关',
          replyWithinWorkingDays: 10,
        } as never,
      ],
      ['this', '02-10', { action: 'close_uncorrected' } as never],
    ],
  },
  {
    year: 'this',
    submitted: '03-02',
    applicant: organisation('legal_service', '（示例）漯河某某律师事务所'),
    description: '（示例）申请公开某地块国有土地上房屋征收补偿方案',
    steps: [
      ['this', '03-02', confirm],
      ['this', '03-04', { action: 'consult', party: 'third_party', partyName: '（示例）某置业公司' } as never],
      ['this', '03-12', { action: 'consultation_answered', opinion: '不同意公开涉及本公司的报价' } as never],
      [
        'this',
        '03-20',
        decide('partial.partial', '《中华人民共和国政府信息公开条例》第十五条、第三十七条', '已提供可以公开的部分'),
      ],
    ],
  },
  {
    year: 'this',
    submitted: '04-08',
    applicant: person('示例丙', '11010519491231002X'),
    description: '（示例）投诉小区旁工地夜间施工噪音扰民，要求查处',
    steps: [
      ['this', '04-08', confirm],
      [
        'this',
        '04-10',
        decide('not_handled.petition', '《中华人民共和国政府信息公开条例》第三十九条第一款', '请通过12345热线反映'),
      ],
    ],
  },
  {
    year: 'this',
    submitted: '06-01',
    applicant: organisation('research', '（示例）某大学城市研究中心'),
    description: '（示例）申请获取本市近十年各街道人口变化的分析报告',
    steps: [
      ['this', '06-01', confirm],
      [
        'this',
        '06-05',
        decide('unable.needs_creation', '《中华人民共和国政府信息公开条例》第三十八条', '本机关没有现成的分析报告'),
      ],
    ],
  },
];

/**
 * Demo mode: sample applications on an empty database, each step at its own past date so the deadlines, the
 * letters' yearly numbers and the annual report come out as they would have. Answers how many were created.
 */
export async function seedSampleApplications(deps: SampleDeps): Promise<number> {
  if ((await deps.disclosure.listQueue({})).length > 0) return 0;
  const year = Number(deps.city.calendar.localDate(deps.clock.now()).slice(0, 4));
  const citizens = new CitizenRepository(deps.dataSource);
  const citizen = await citizens.findOrCreate('sample-disclosure-applicant', undefined, () =>
    Object.assign(new CitizenEntity(), { id: deps.ids.next(deps.clock.now()), createdAt: deps.clock.now() }),
  );
  const at = (when: Year, monthDay: string) => {
    const instant = new Date(Date.parse(`${when === 'last' ? year - 1 : year}-${monthDay}T10:00:00+08:00`));
    return { ...deps, clock: { now: () => instant } };
  };
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#cccccc' } })
    .png()
    .toBuffer();
  const now = deps.clock.now();
  let created = 0;
  for (const sample of SAMPLES) {
    const when = at(sample.year, sample.submitted);
    // Early in a year part of the story lies ahead: it stops at today.
    if (when.clock.now() > now) continue;
    const photo = await uploadPhoto({ ...when, photos: deps.photos }, { id: citizen.id }, png);
    const body = createDisclosureApplicationSchema.parse({
      applicant: sample.applicant,
      idPhotoId: photo.id,
      description: sample.description,
      form: 'electronic',
      delivery: 'online',
    });
    const application = await applyForDisclosure(when, citizen.id, body);
    created += 1;
    for (const [stepYear, monthDay, action] of sample.steps) {
      const stepDeps = at(stepYear, monthDay);
      if (stepDeps.clock.now() > now) break;
      const current = await deps.disclosure.findById(application.id);
      await actOnApplication(stepDeps, { id: 'sample' }, application.id, {
        ...action,
        version: current?.version ?? 1,
      } as DisclosureAction);
    }
  }
  // One still waiting for the office, submitted today.
  const today = { ...deps };
  const photo = await uploadPhoto({ ...today, photos: deps.photos }, { id: citizen.id }, png);
  await applyForDisclosure(
    today,
    citizen.id,
    createDisclosureApplicationSchema.parse({
      applicant: organisation('public_interest', '（示例）某公益环保协会'),
      idPhotoId: photo.id,
      description: '（示例）申请公开本市2025年度重点排污单位名录及监测数据',
      form: 'paper',
      delivery: 'post',
    }),
  );
  return created + 1;
}
