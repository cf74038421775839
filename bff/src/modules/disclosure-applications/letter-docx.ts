import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';

/** Everything printed on a letter. */
export interface PrintedLetter {
  officeName: string;
  title: string;
  number: string;
  salutation: string;
  paragraphs: string[];
  date: string;
}

// Official-document layout (党政机关公文格式 GB/T 9704): A4, title in 小标宋 二号 (22 pt), body in 仿宋 三号
// (16 pt) with a two-character first-line indent and a fixed 28 pt line, signature and date to the right.
const MM = 56.7; // twips per millimetre
const BODY = { font: '仿宋_GB2312', size: 32 } as const;
const LINE = { line: 560, lineRule: LineRuleType.EXACT } as const;

const bodyParagraph = (text: string, indent = true) =>
  new Paragraph({
    spacing: LINE,
    ...(indent ? { indent: { firstLine: 640 } } : {}),
    children: [new TextRun({ ...BODY, text })],
  });

const rightParagraph = (text: string) =>
  new Paragraph({ spacing: LINE, alignment: AlignmentType.RIGHT, children: [new TextRun({ ...BODY, text })] });

export async function renderLetter(letter: PrintedLetter): Promise<Buffer> {
  const document = new Document({
    creator: letter.officeName,
    title: `${letter.title} ${letter.number}`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 210 * MM, height: 297 * MM },
            margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ font: '方正小标宋简体', size: 44, text: letter.title })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ ...BODY, text: letter.number })],
          }),
          bodyParagraph(`${letter.salutation}：`, false),
          ...letter.paragraphs.map((text) => bodyParagraph(text)),
          bodyParagraph(''),
          rightParagraph(letter.officeName),
          rightParagraph(letter.date),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
