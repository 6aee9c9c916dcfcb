import { trusted, type Types } from 'mongoose';
import { Company } from '../accounts/company.model.js';
import { User } from '../accounts/user.model.js';
import { NotFoundError } from '../shared/errors.js';
import { Cohort } from '../workshops/cohort.model.js';
import { Enrolment } from '../workshops/enrolment.model.js';
import { Garden } from '../workshops/garden.model.js';
import { checkLines, hasErrors, problemError, problemWarning, sameCompanyName, type CheckedLine } from './check-lines.js';
import { readImportLines } from './columns.js';
import { ImportJob, ImportRow } from './import.model.js';
import { type Id, idOrNotFound } from '../shared/db/ids.js';


export interface PreviewRequest {
  cohortId: Id;
  csvText: string;
  actorId: Id;
  fileName?: string;
}

interface PreviewedLine extends CheckedLine {
  company?: 'new' | 'existing';
  person?: 'new' | 'existing';
}

/** What the database already knows about the file's companies and people. */
async function lookUp(cohortId: Types.ObjectId, lines: CheckedLine[]) {
  const orgNumbers = [...new Set(lines.map((l) => l.orgNumber).filter(Boolean))];
  const emails = [...new Set(lines.map((l) => l.email).filter(Boolean))];
  const [companies, users] = await Promise.all([
    Company.find({ orgNumber: trusted({ $in: orgNumbers }) }, { name: 1, orgNumber: 1 }).lean(),
    User.find({ email: trusted({ $in: emails }) }, { email: 1, companyId: 1 }).lean(),
  ]);
  const enrolments = await Enrolment.find(
    { cohortId, companyId: trusted({ $in: companies.map((c) => c._id) }) }, { companyId: 1, participantIds: 1 },
  ).lean();
  return {
    companies: new Map(companies.map((c) => [c.orgNumber, c])),
    users: new Map(users.map((u) => [u.email, u])),
    participants: new Map(enrolments.map((e) => [String(e.companyId), new Set(e.participantIds.map(String))])),
  };
}

/** Adds what the database says: existing companies and people, emails of other companies, the limit per company. */
function compare(lines: CheckedLine[], known: Awaited<ReturnType<typeof lookUp>>, limit: number, gardenMunicipality: string): PreviewedLine[] {
  const seatsUsed = new Map<string, number>();
  return lines.map((checked) => {
    if (hasErrors(checked)) return checked;
    const line: PreviewedLine = { ...checked, problems: [...checked.problems] };
    const company = known.companies.get(line.orgNumber);
    const user = known.users.get(line.email);
    line.company = company ? 'existing' : 'new';
    line.person = user ? 'existing' : 'new';
    if (company && !sameCompanyName(company.name, line.companyName)) line.problems.push(problemWarning('nameDiffers', { registered: company.name }));
    if (!company && !line.municipality) line.problems.push(problemWarning('municipalityFromGarden', { municipality: gardenMunicipality }));
    if (user?.companyId && String(user.companyId) !== String(company?._id)) {
      line.problems.push(problemError('emailOtherCompany', { email: line.email }));
      return line;
    }
    if (user && !user.companyId) line.problems.push(problemWarning('personJoinsCompany'));
    const already = company ? (known.participants.get(String(company._id)) ?? new Set<string>()) : new Set<string>();
    if (user && already.has(String(user._id))) return line;
    const used = (seatsUsed.get(line.orgNumber) ?? already.size) + 1;
    seatsUsed.set(line.orgNumber, used);
    if (used > limit) line.problems.push(problemError('tooManyParticipants', { limit }));
    return line;
  });
}

/**
 * Reads an import file and stores what each line would do — create, link or
 * nothing because of an error — as a job in preview, so confirming needs no file.
 * Throws ImportFileError when the file as a whole cannot be read.
 */
export async function previewImport(request: PreviewRequest): Promise<{ jobId: string }> {
  const cohort = await Cohort.findById(idOrNotFound(request.cohortId)).lean();
  if (!cohort) throw new NotFoundError();
  const garden = await Garden.findById(cohort.gardenId, { municipality: 1 }).lean();
  const checked = checkLines(readImportLines(request.csvText));
  const lines = compare(checked, await lookUp(cohort._id, checked), cohort.participantsPerCompany, garden?.municipality ?? '');
  const valid = lines.filter((line) => !hasErrors(line)).length;
  const job = await ImportJob.create({
    cohortId: cohort._id, createdBy: request.actorId, fileName: request.fileName, status: 'preview', totalRows: lines.length, validRows: valid,
  });
  await ImportRow.insertMany(lines.map(({ extraFields: _extra, ...line }) => ({
    ...line, jobId: job._id, state: hasErrors(line) ? 'skipped' : 'pending',
  })));
  return { jobId: String(job._id) };
}
