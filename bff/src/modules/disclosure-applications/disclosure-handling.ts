import {
  DISCLOSURE_OUTCOMES,
  type CreateCaseRequest,
  type DisclosureAction,
  type DisclosureStatus,
} from '@hotline/shared-types';
import { Conflict, Invalid, NotFound, Unavailable } from '../../lib/errors';
import { CalendarGapError } from '../calendar/working-calendar';
import { audit } from '../audit/audit';
import type { StaffRecord } from '../staff/staff.repository';
import { SUPPLEMENT_NOTICE_DAYS, THIRD_PARTY_DAYS } from './answer-deadline';
import { currentDueAt, formatDate } from './deadline-state';
import {
  LetterNumberTakenError,
  type ConsultationRecord,
  type DisclosureEventRecord,
  type DisclosureRecord,
  type LetterToIssue,
} from './disclosure.repository';
import { eventOf, type DisclosureDeps } from './disclosure.service';
import { idTypeLabel, isOverdue, officeView, type ApplicantDetails } from './disclosure-view';
import { decisionLetter, extensionLetter, supplementLetter, type LetterDraft } from './letters';

const NO_CORRECTION_BASIS = '《中华人民共和国政府信息公开条例》第三十条';

const refuse = (message: string) => new Conflict('INVALID_TRANSITION', message);

function requireStatus(row: DisclosureRecord, allowed: DisclosureStatus[], message: string): void {
  if (!allowed.includes(row.status)) throw refuse(message);
}

interface Step {
  changes: Partial<DisclosureRecord>;
  /** The applicant's notice; the due date, once known, is filled in where `{due}` stands. */
  notice: { kind: string; text: string };
  consultation?: ConsultationRecord;
  closeConsultations?: boolean;
  /** A 12345 case to file for the applicant before the change is stored (its id goes into the change). */
  hotlineCase?: CreateCaseRequest;
  /** The letter the step sends, given the due date as the letter prints it. */
  letter?: (due: string) => LetterDraft;
}

type StepContext = { deps: DisclosureDeps; row: DisclosureRecord; now: Date; open: ConsultationRecord | undefined };

const steps: {
  [A in DisclosureAction['action']]: (c: StepContext, a: Extract<DisclosureAction, { action: A }>) => Step;
} = {
  confirm_receipt: ({ row, now }) => {
    requireStatus(row, ['submitted'], '该申请已确认收到');
    return {
      changes: { status: 'processing', receivedAt: now, clockStartAt: now },
      notice: { kind: 'received', text: '已确认收到您的申请，将于{due}前答复。' },
    };
  },
  request_supplement: ({ deps, row, now }, a) => {
    requireStatus(row, ['processing'], '当前状态下不能要求补正');
    if (row.supplementRequestedAt) throw refuse('补正只能要求一次，且须一次性告知');
    const limit = deps.city.calendar.addWorkingDays(row.receivedAt as Date, SUPPLEMENT_NOTICE_DAYS);
    if (now.getTime() > limit.getTime()) throw refuse('已超过自收到申请之日起7个工作日的补正告知期限');
    const replyBy = deps.city.calendar.addWorkingDays(now, a.replyWithinWorkingDays);
    return {
      changes: {
        status: 'awaiting_supplement',
        supplementMissing: a.missing,
        supplementRequestedAt: now,
        supplementReplyBy: replyBy,
      },
      notice: {
        kind: 'supplement_requested',
        text: `请补正申请：${a.missing}。请于${formatDate(deps.city.calendar, replyBy)}前补正，答复期限自收到补正后的申请之日起重新计算；无正当理由逾期不补正的，视为放弃申请。`,
      },
      letter: () => supplementLetter(receivedOn(deps, row), a.missing, formatDate(deps.city.calendar, replyBy)),
    };
  },
  close_uncorrected: ({ deps, row, now }) => {
    requireStatus(row, ['awaiting_supplement'], '该申请不在待补正状态');
    if (now.getTime() <= (row.supplementReplyBy as Date).getTime()) throw refuse('补正期限尚未届满');
    return {
      changes: {
        status: 'answered',
        outcome: 'other.no_correction',
        legalBasis: NO_CORRECTION_BASIS,
        provided: '无',
        decidedAt: now,
      },
      notice: { kind: 'closed', text: '您未在补正期限内补正，视为放弃申请，本机关不再处理该政府信息公开申请。' },
      letter: () =>
        decisionLetter(receivedOn(deps, row), row.description, 'other.no_correction', NO_CORRECTION_BASIS, '无'),
    };
  },
  extend: ({ deps, row, now }, a) => {
    requireStatus(row, ['processing', 'consulting'], '当前状态下不能延期');
    if (row.extensionDays) throw refuse('答复期限已经延长过');
    if (row.dueAt && now.getTime() > row.dueAt.getTime()) throw refuse('答复期限已过，不能再延期');
    return {
      changes: { extensionDays: a.days, extensionApprovedBy: a.approvedBy, extensionReason: a.reason },
      notice: {
        kind: 'extended',
        text: `经政府信息公开工作机构负责人同意，答复期限延长${a.days}个工作日，至{due}。理由：${a.reason}`,
      },
      letter: (due) => extensionLetter(receivedOn(deps, row), a.reason, a.days, due),
    };
  },
  consult: ({ deps, row, now }, a) => {
    requireStatus(row, ['processing'], '当前状态下不能征求意见');
    const third = a.party === 'third_party';
    return {
      changes: { status: 'consulting' },
      consultation: {
        id: deps.ids.next(now),
        applicationId: row.id,
        party: a.party,
        partyName: a.partyName,
        sentAt: now,
        answerBy: third ? deps.city.calendar.addWorkingDays(now, THIRD_PARTY_DAYS) : null,
        answeredAt: null,
        opinion: null,
      },
      notice: {
        kind: 'consulting',
        text: `本申请需${third ? '书面征求第三方' : '征求其他机关'}意见，所需时间不计入答复期限。`,
      },
    };
  },
  consultation_answered: ({ row, now, open }, a) => {
    requireStatus(row, ['consulting'], '没有等待中的征求意见');
    return {
      changes: { status: 'processing' },
      consultation: { ...(open as ConsultationRecord), answeredAt: now, opinion: a.opinion },
      notice: { kind: 'consultation_answered', text: '征求意见已结束，答复期限恢复计算，将于{due}前答复。' },
    };
  },
  decide: ({ deps, row, now }, a) => {
    requireStatus(row, ['processing', 'consulting'], '当前状态下不能作出答复');
    if (a.outcome === 'other.no_correction') {
      throw new Invalid([{ path: 'outcome', message: '逾期不补正请使用“逾期未补正，不再处理”操作' }]);
    }
    if (a.outcome === 'unable.still_unclear' && !row.supplementAnsweredAt) {
      throw new Invalid([{ path: 'outcome', message: '只有补正后内容仍不明确的申请才能以此答复' }]);
    }
    const { group, label } = DISCLOSURE_OUTCOMES[a.outcome];
    const hotlineCase = a.outcome === 'not_handled.petition' ? hotlineCaseOf(deps, row, a.hotline) : undefined;
    return {
      ...(hotlineCase ? { hotlineCase } : {}),
      changes: {
        status: 'answered',
        outcome: a.outcome,
        legalBasis: a.legalBasis,
        provided: a.provided,
        decidedAt: now,
      },
      closeConsultations: true,
      notice: {
        kind: 'decided',
        text: `已作出答复：${group === label ? group : `${group}（${label}）`}。依据：${a.legalBasis}。${a.provided}`,
      },
      letter: () => decisionLetter(receivedOn(deps, row), row.description, a.outcome, a.legalBasis, a.provided),
    };
  },
};

/**
 * The 12345 case a 信访举报投诉类 application becomes when its applicant agreed: the applicant's words and contact,
 * kept confidential, naming the application it came from. Without consent nothing is filed (art. 39 only lets the
 * office tell the applicant where to go).
 */
function hotlineCaseOf(
  deps: DisclosureDeps,
  row: DisclosureRecord,
  hotline: { type: CreateCaseRequest['type']; category: string } | undefined,
): CreateCaseRequest | undefined {
  if (!row.hotlineConsent) {
    if (hotline) throw new Invalid([{ path: 'hotline', message: '申请人未同意转为12345诉求，不能转办' }]);
    return undefined;
  }
  if (!hotline) throw new Invalid([{ path: 'hotline', message: '申请人同意转为12345诉求，请选择诉求类型和分类' }]);
  if (!deps.city.category(hotline.category))
    throw new Invalid([{ path: 'hotline.category', message: '请选择有效的诉求分类' }]);
  const applicant = JSON.parse(deps.pii.decrypt(row.applicantEnc)) as ApplicantDetails;
  return {
    type: hotline.type,
    category: hotline.category,
    content: `${row.description}\n（转自政府信息公开申请 ${row.id}）`,
    photoIds: [],
    contact: { name: applicant.contactName ?? applicant.name, phone: applicant.phone },
    anonymous: false,
    confidential: true,
    privacyConsent: true,
  };
}

/** A period reaching into a year the city's calendar has no data for cannot be counted: say so, do not guess. */
function withCalendar<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CalendarGapError) {
      throw new Unavailable(undefined, `节假日日历缺少${error.year}年的数据，请联系管理员`);
    }
    throw error;
  }
}

const receivedOn = (deps: DisclosureDeps, row: DisclosureRecord): string =>
  formatDate(deps.city.calendar, row.receivedAt ?? row.submittedAt);

async function found(deps: DisclosureDeps, id: string): Promise<DisclosureRecord> {
  const row = await deps.disclosure.findById(id);
  if (!row) throw new NotFound();
  return row;
}

/** One action of the office on an application, on the version the officer saw; the due date follows. */
export async function actOnApplication(
  deps: DisclosureDeps,
  staff: Pick<StaffRecord, 'id'>,
  id: string,
  action: DisclosureAction,
) {
  const row = await found(deps, id);
  if (row.version !== action.version) throw new Conflict('CONFLICT', '该申请已被他人更新，请刷新后重试');
  const now = deps.clock.now();
  const consultations = await deps.disclosure.consultations(id);
  const open = consultations.find((c) => c.answeredAt === null);
  const run = steps[action.action] as (c: StepContext, a: DisclosureAction) => Step;
  const step = withCalendar(() => run({ deps, row, now, open }, action));
  const after: DisclosureRecord = { ...row, ...step.changes, updatedAt: now };
  const nextConsultations = consultations
    .filter((c) => c.id !== step.consultation?.id)
    .concat(step.consultation ? [step.consultation] : [])
    .map((c) => (step.closeConsultations && !c.answeredAt ? { ...c, answeredAt: now } : c));
  after.dueAt = currentDueAt(deps.city.calendar, after, nextConsultations, now);
  const due = after.dueAt ? formatDate(deps.city.calendar, after.dueAt) : '法定期限内';
  const event: DisclosureEventRecord = eventOf(
    deps,
    { id, version: row.version + 1 },
    now,
    step.notice.kind,
    step.notice.text.replace('{due}', due),
    staff.id,
  );
  const letter = step.letter ? letterToIssue(deps, step.letter(due), now) : undefined;
  // Filed first and idempotent on the application: a retried decision finds the same case, never a second one.
  const caseId = step.hotlineCase
    ? await deps.hotlineCases.fileFor(row.citizenId, `disclosure-${row.id}`, step.hotlineCase)
    : null;
  if (caseId) event.text += '经您同意，已转为12345诉求办理。';
  const ok = await deps.disclosure
    .update(
      id,
      row.version,
      { ...step.changes, dueAt: after.dueAt, updatedAt: now, ...(caseId ? { caseId } : {}) },
      {
        events: [event],
        ...(step.consultation ? { consultation: step.consultation } : {}),
        ...(step.closeConsultations ? { closeConsultationsAt: now } : {}),
        ...(letter ? { letter } : {}),
      },
    )
    .catch((error: unknown) => {
      if (error instanceof LetterNumberTakenError) return false;
      throw error;
    });
  if (!ok) throw new Conflict('CONFLICT', '该申请已被他人更新，请刷新后重试');
  return getForOffice(deps, id);
}

/** The year and number prefix come from the city: 漯政公开〔2026〕12号. */
function letterToIssue(deps: DisclosureDeps, draft: LetterDraft, now: Date): LetterToIssue {
  const year = Number(deps.city.calendar.localDate(now).slice(0, 4));
  const prefix = deps.city.profile.disclosureOffice.letterPrefix;
  return { ...draft, id: deps.ids.next(now), issuedAt: now, year, numberOf: (seq) => `${prefix}〔${year}〕${seq}号` };
}

export async function getForOffice(deps: DisclosureDeps, id: string) {
  const row = await found(deps, id);
  const [events, consultations, letters] = await Promise.all([
    deps.disclosure.events(id),
    deps.disclosure.consultations(id),
    deps.disclosure.letters(id),
  ]);
  return officeView({ row, events, letters }, consultations, deps.pii, deps.clock.now());
}

export async function listForOffice(
  deps: DisclosureDeps,
  query: { status?: DisclosureStatus; overdue?: 'true' | 'false' },
) {
  const now = deps.clock.now();
  const rows = await deps.disclosure.listQueue({
    ...(query.status ? { status: query.status } : {}),
    ...(query.overdue === 'true' ? { overdueAt: now } : {}),
  });
  return {
    items: rows.map((row) => {
      const view = officeView({ row, events: [], letters: [] }, [], deps.pii, now);
      return {
        id: view.id,
        status: view.status,
        applicantType: view.applicantType,
        applicantName: view.applicantName,
        description: view.description,
        submittedAt: view.submittedAt,
        receivedAt: view.receivedAt,
        dueAt: view.dueAt,
        overdue: isOverdue(row, now),
      };
    }),
  };
}

/** The applicant's full identity number for someone who states why; the read is audited in the same transaction. */
export async function revealIdNumber(
  deps: DisclosureDeps,
  staff: StaffRecord,
  id: string,
  reason: string,
  requestId: string,
) {
  const row = await found(deps, id);
  await deps.dataSource.transaction((manager) =>
    audit(manager, deps.ids, deps.clock.now(), {
      actorType: 'staff',
      actorId: staff.id,
      action: 'disclosure.id_revealed',
      subjectType: 'disclosure',
      subjectId: row.id,
      reason,
      requestId,
    }),
  );
  return {
    idType: idTypeLabel(row.idType),
    idNumber: deps.pii.decrypt(row.idNumberEnc),
  };
}
