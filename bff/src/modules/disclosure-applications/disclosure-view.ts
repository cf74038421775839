import {
  DISCLOSURE_OUTCOMES,
  ID_DOCUMENT_TYPES,
  type DisclosureApplicationView,
  type IdDocumentType,
} from '@hotline/shared-types';
import { maskName, type PiiCipher } from '../../lib/pii';
import type {
  ConsultationRecord,
  DisclosureEventRecord,
  DisclosureRecord,
  LetterRecord,
} from './disclosure.repository';

/** An application with what hangs off it. */
export interface Dossier {
  row: DisclosureRecord;
  events: DisclosureEventRecord[];
  letters: LetterRecord[];
}

/** The applicant's details, encrypted together in `applicant_enc`. */
export interface ApplicantDetails {
  name: string;
  phone: string;
  address: string;
  email?: string;
  legalRepresentative?: string;
  contactName?: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const idTypeLabel = (type: string): string =>
  type === 'credit_code' ? '统一社会信用代码' : (ID_DOCUMENT_TYPES[type as IdDocumentType] ?? type);

/** What the applicant sees of their own application. */
export function applicantView(
  { row, events, letters }: Dossier,
  pii: PiiCipher,
  options: { maskName?: boolean } = {},
): DisclosureApplicationView {
  const details = JSON.parse(pii.decrypt(row.applicantEnc)) as ApplicantDetails;
  const masked = options.maskName && row.applicantType === 'natural';
  const outcome = row.outcome;
  return {
    id: row.id,
    status: row.status,
    applicantType: row.applicantType,
    applicantName: masked ? maskName(details.name) : details.name,
    idDocument: { type: idTypeLabel(row.idType), numberMasked: row.idNumberMasked },
    idPhotoId: row.idPhotoId,
    description: row.description,
    catalogItemKeys: row.catalogItemKeys,
    form: row.form,
    delivery: row.delivery,
    submittedAt: row.submittedAt.toISOString(),
    receivedAt: iso(row.receivedAt),
    dueAt: iso(row.dueAt),
    supplement:
      row.supplementMissing && row.supplementRequestedAt && row.supplementReplyBy
        ? {
            missing: row.supplementMissing,
            requestedAt: row.supplementRequestedAt.toISOString(),
            replyBy: row.supplementReplyBy.toISOString(),
            answeredAt: iso(row.supplementAnsweredAt),
          }
        : null,
    extension: row.extensionDays
      ? { days: row.extensionDays, approvedBy: row.extensionApprovedBy ?? '', reason: row.extensionReason ?? '' }
      : null,
    decision:
      outcome && row.decidedAt
        ? {
            outcome,
            group: DISCLOSURE_OUTCOMES[outcome].group,
            label: DISCLOSURE_OUTCOMES[outcome].label,
            legalBasis: row.legalBasis ?? '',
            provided: row.provided ?? '',
            decidedAt: row.decidedAt.toISOString(),
          }
        : null,
    hotlineConsent: row.hotlineConsent,
    caseId: row.caseId,
    timeline: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, text: e.text })),
    letters: letters.map((l) => ({
      id: l.id,
      kind: l.kind,
      title: l.title,
      number: l.number,
      issuedAt: l.issuedAt.toISOString(),
    })),
  };
}

/** What the office sees: the applicant's view with a masked name, plus version, overdue mark and consultations. */
export function officeView(dossier: Dossier, consultations: ConsultationRecord[], pii: PiiCipher, now: Date) {
  const { row } = dossier;
  return {
    ...applicantView(dossier, pii, { maskName: true }),
    version: row.version,
    overdue: isOverdue(row, now),
    consultations: consultations.map((c) => ({
      party: c.party,
      partyName: c.partyName,
      sentAt: c.sentAt.toISOString(),
      answerBy: iso(c.answerBy),
      answeredAt: iso(c.answeredAt),
    })),
  };
}

export function isOverdue(row: DisclosureRecord, now: Date): boolean {
  return row.status !== 'answered' && row.dueAt !== null && row.dueAt.getTime() < now.getTime();
}
