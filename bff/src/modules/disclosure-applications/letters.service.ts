import { NotFound } from '../../lib/errors';
import { formatDate } from './deadline-state';
import type { DisclosureDeps } from './disclosure.service';
import type { ApplicantDetails } from './disclosure-view';
import { renderLetter } from './letter-docx';

/**
 * A letter as the .docx the applicant receives. With `citizenId`, only the applicant's own letters exist (404
 * otherwise, as for a letter that does not).
 */
export async function letterFile(
  deps: DisclosureDeps,
  letterId: string,
  citizenId?: string,
): Promise<{ file: Buffer; filename: string }> {
  const letter = await deps.disclosure.letter(letterId);
  const application = letter ? await deps.disclosure.findById(letter.applicationId) : null;
  if (!letter || !application || (citizenId !== undefined && application.citizenId !== citizenId)) throw new NotFound();
  const applicant = JSON.parse(deps.pii.decrypt(application.applicantEnc)) as ApplicantDetails;
  const file = await renderLetter({
    officeName: deps.city.profile.disclosureOffice.name,
    title: letter.title,
    number: letter.number,
    salutation: applicant.name,
    paragraphs: letter.paragraphs,
    date: formatDate(deps.city.calendar, letter.issuedAt),
  });
  return { file, filename: `${letter.title}（${letter.number}）.docx` };
}
