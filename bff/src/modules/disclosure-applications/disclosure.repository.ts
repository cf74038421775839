import { IsNull, LessThan, MoreThanOrEqual, Not, type DataSource, type EntityManager } from 'typeorm';
import type { DisclosureStatus } from '@hotline/shared-types';
import {
  DisclosureApplicationEntity,
  DisclosureConsultationEntity,
  DisclosureEventEntity,
  DisclosureLetterEntity,
  DisclosureReviewsEntity,
} from './disclosure.entities';
import type { LetterDraft } from './letters';

export type DisclosureRecord = { [K in keyof DisclosureApplicationEntity]: DisclosureApplicationEntity[K] };
export type DisclosureEventRecord = { [K in keyof DisclosureEventEntity]: DisclosureEventEntity[K] };
export type ConsultationRecord = { [K in keyof DisclosureConsultationEntity]: DisclosureConsultationEntity[K] };
export type LetterRecord = { [K in keyof DisclosureLetterEntity]: DisclosureLetterEntity[K] };

/** A letter to issue with a change: its number is the next of its year, taken in the change's transaction. */
export interface LetterToIssue extends LetterDraft {
  id: string;
  issuedAt: Date;
  year: number;
  numberOf(seq: number): string;
}

/** What counts in a year's report: when received, when decided, by whom and how. */
export interface ReportRow {
  applicantType: DisclosureRecord['applicantType'];
  receivedAt: Date;
  decidedAt: Date | null;
  outcome: DisclosureRecord['outcome'];
}

const plain = <T extends object>(row: T): T => ({ ...row });

/** Storage of applications, their timelines and consultations; plain objects out, no HTTP. */
export class DisclosureRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(application: DisclosureRecord, event: DisclosureEventRecord): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.insert(DisclosureApplicationEntity, application);
      await m.insert(DisclosureEventEntity, event);
    });
  }

  async findById(id: string): Promise<DisclosureRecord | null> {
    const row = await this.dataSource.getRepository(DisclosureApplicationEntity).findOneBy({ id });
    return row ? plain(row) : null;
  }

  async listForCitizen(citizenId: string): Promise<DisclosureRecord[]> {
    const rows = await this.dataSource
      .getRepository(DisclosureApplicationEntity)
      .find({ where: { citizenId }, order: { id: 'DESC' }, take: 200 });
    return rows.map(plain);
  }

  /** The office's queue: open applications first by due date, then the rest newest first. */
  async listQueue(filter: { status?: DisclosureStatus; overdueAt?: Date }): Promise<DisclosureRecord[]> {
    const where = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.overdueAt ? { status: Not('answered' as const), dueAt: LessThan(filter.overdueAt) } : {}),
    };
    const rows = await this.dataSource
      .getRepository(DisclosureApplicationEntity)
      .find({ where, order: { dueAt: 'ASC', id: 'DESC' }, take: 500 });
    return rows.map(plain);
  }

  async events(applicationId: string): Promise<DisclosureEventRecord[]> {
    const rows = await this.dataSource
      .getRepository(DisclosureEventEntity)
      .find({ where: { applicationId }, order: { version: 'ASC', id: 'ASC' } });
    return rows.map(plain);
  }

  async consultations(applicationId: string, manager?: EntityManager): Promise<ConsultationRecord[]> {
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(DisclosureConsultationEntity)
      .find({ where: { applicationId }, order: { sentAt: 'ASC', id: 'ASC' } });
    return rows.map(plain);
  }

  /**
   * Applies one change if the application is still at `version`; false when someone else changed it first.
   * The events and consultation changes are written in the same transaction.
   */
  async update(
    id: string,
    version: number,
    changes: Partial<DisclosureRecord>,
    extra: {
      events: DisclosureEventRecord[];
      consultation?: ConsultationRecord;
      closeConsultationsAt?: Date;
      letter?: LetterToIssue;
    },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const result = await m
        .getRepository(DisclosureApplicationEntity)
        .update({ id, version }, { ...changes, version: version + 1 });
      if (result.affected !== 1) return false;
      if (extra.events.length > 0) await m.insert(DisclosureEventEntity, extra.events);
      if (extra.consultation) await m.getRepository(DisclosureConsultationEntity).save(extra.consultation);
      if (extra.closeConsultationsAt) {
        await m
          .getRepository(DisclosureConsultationEntity)
          .update({ applicationId: id, answeredAt: IsNull() }, { answeredAt: extra.closeConsultationsAt });
      }
      if (extra.letter) await issueLetter(m, id, extra.letter);
      return true;
    });
  }

  async letters(applicationId: string): Promise<LetterRecord[]> {
    const rows = await this.dataSource
      .getRepository(DisclosureLetterEntity)
      .find({ where: { applicationId }, order: { issuedAt: 'ASC', seq: 'ASC' } });
    return rows.map(plain);
  }

  async letter(id: string): Promise<LetterRecord | null> {
    const row = await this.dataSource.getRepository(DisclosureLetterEntity).findOneBy({ id });
    return row ? plain(row) : null;
  }

  /** Every application received before `end` and not decided before `start`: the year's whole population. */
  async reportRows(start: Date, end: Date): Promise<ReportRow[]> {
    const repo = this.dataSource.getRepository(DisclosureApplicationEntity);
    const select = { applicantType: true, receivedAt: true, decidedAt: true, outcome: true } as const;
    const open = { receivedAt: LessThan(end), decidedAt: IsNull() };
    const rows = await repo.find({
      select,
      where: [open, { receivedAt: LessThan(end), decidedAt: MoreThanOrEqual(start) }],
    });
    return rows.map((r) => ({
      applicantType: r.applicantType,
      receivedAt: r.receivedAt as Date,
      decidedAt: r.decidedAt,
      outcome: r.outcome,
    }));
  }

  async reviews(year: number): Promise<DisclosureReviewsEntity | null> {
    return this.dataSource.getRepository(DisclosureReviewsEntity).findOneBy({ year });
  }

  async saveReviews(row: DisclosureReviewsEntity): Promise<void> {
    await this.dataSource.getRepository(DisclosureReviewsEntity).save(row);
  }
}

/** Another letter took the number first; the officer retries. */
export class LetterNumberTakenError extends Error {}

/**
 * Numbers run per year without gaps. The unique (year, seq) index is the guard: of two letters issued in the same
 * instant, the later transaction fails (LetterNumberTakenError, or the index) and nothing of its change is kept.
 */
async function issueLetter(m: EntityManager, applicationId: string, letter: LetterToIssue): Promise<void> {
  const raw = await m
    .getRepository(DisclosureLetterEntity)
    .createQueryBuilder('l')
    .select('MAX(l.seq)', 'last')
    .where('l.year = :year', { year: letter.year })
    .getRawOne<{ last: number | string | null }>();
  const seq = Number(raw?.last ?? 0) + 1;
  const taken = await m.getRepository(DisclosureLetterEntity).existsBy({ year: letter.year, seq });
  if (taken) throw new LetterNumberTakenError();
  await m.insert(DisclosureLetterEntity, {
    id: letter.id,
    applicationId,
    kind: letter.kind,
    title: letter.title,
    year: letter.year,
    seq,
    number: letter.numberOf(seq),
    issuedAt: letter.issuedAt,
    paragraphs: letter.paragraphs,
  });
}
