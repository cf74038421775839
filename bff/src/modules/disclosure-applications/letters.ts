import { DISCLOSURE_OUTCOMES, type DisclosureOutcome } from '@hotline/shared-types';
import type { DisclosureLetterEntity } from './disclosure.entities';

export type LetterKind = DisclosureLetterEntity['kind'];

/** A letter before it has a number: what the step that issues it says. */
export interface LetterDraft {
  kind: LetterKind;
  title: string;
  paragraphs: string[];
}

const REMEDY = '如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。';

export function supplementLetter(received: string, missing: string, replyBy: string): LetterDraft {
  return {
    kind: 'supplement',
    title: '政府信息公开申请补正通知书',
    paragraphs: [
      `本机关于${received}收到您提出的政府信息公开申请。经审查，申请内容不够明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请对以下事项作出补正：${missing}`,
      `请于${replyBy}前补正。答复期限自本机关收到补正后的申请之日起计算；无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
    ],
  };
}

export function extensionLetter(received: string, reason: string, days: number, due: string): LetterDraft {
  return {
    kind: 'extension',
    title: '政府信息公开申请延期答复告知书',
    paragraphs: [
      `本机关于${received}收到您提出的政府信息公开申请。因${reason}，不能在规定期限内答复。经本机关政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，答复期限延长${days}个工作日，至${due}。`,
    ],
  };
}

/** What the decision paragraph says, by the outcome's group in the annual report. */
const DECISION_TEXT: Record<string, (label: string) => string> = {
  予以公开: () => '经审查，您申请获取的政府信息属于公开范围，本机关决定予以公开。',
  部分公开: () => '经审查，您申请获取的政府信息中部分内容可以公开，本机关决定部分公开，不予公开的部分及理由说明如下。',
  不予公开: (label) => `经审查，您申请获取的政府信息${label}，本机关决定不予公开。`,
  无法提供: (label) => `经审查，${label}，本机关无法提供。`,
  不予处理: (label) => `经审查，您的申请属于${label}，本机关不作为政府信息公开申请处理。`,
  其他处理: (label) => `${label}。`,
};

export function decisionLetter(
  received: string,
  description: string,
  outcome: DisclosureOutcome,
  legalBasis: string,
  provided: string,
): LetterDraft {
  const { group, label } = DISCLOSURE_OUTCOMES[outcome];
  return {
    kind: 'decision',
    title: '政府信息公开申请答复告知书',
    paragraphs: [
      `本机关于${received}收到您提出的政府信息公开申请，申请获取：${description}`,
      (DECISION_TEXT[group] as (label: string) => string)(label),
      `依据：${legalBasis}。`,
      `提供情况：${provided}`,
      REMEDY,
    ],
  };
}
