import { knownCompaniesAndPeople } from '../accounts/queries.js';
import { NotFoundError } from '../shared/errors.js';
import { cohortById, enrolmentsOfCohort, gardenById } from '../workshops/queries.js';
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
async function lookUp(cohortId: string, lines: CheckedLine[]) {
  const orgNumbers = [...new Set(lines.map((l) => l.orgNumber).filter(Boolean))];
  const emails = [...new Set(lines.map((l) => l.email).filter(Boolean))];
  // A cohort's enrolments are few and found by equality; the file's companies may be many.
  const [{ companies, people }, enrolments] = await Promise.all([knownCompaniesAndPeople(orgNumbers, emails), enrolmentsOfCohort(cohortId)]);
  return {
    companies: new Map(companies.map((c) => [c.orgNumber, c])),
    users: new Map(people.map((u) => [u.email, u])),
    participants: new Map(enrolments.map((e) => [e.companyId, new Set(e.participantIds)])),
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
    if (user?.companyId && user.companyId !== company?.id) {
      line.problems.push(problemError('emailOtherCompany', { email: line.email }));
      return line;
    }
    if (user && !user.companyId) line.problems.push(problemWarning('personJoinsCompany'));
    const already = company ? (known.participants.get(company.id) ?? new Set<string>()) : new Set<string>();
    if (user && already.has(user.id)) return line;
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
  const cohort = await cohortById(idOrNotFound(request.cohortId));
  if (!cohort) throw new NotFoundError();
  const garden = await gardenById(cohort.gardenId);
  const checked = checkLines(readImportLines(request.csvText));
  const lines = compare(checked, await lookUp(cohort.id, checked), cohort.participantsPerCompany, garden?.municipality ?? '');
  const valid = lines.filter((line) => !hasErrors(line)).length;
  const job = await ImportJob.create({
    cohortId: cohort.id, createdBy: request.actorId, fileName: request.fileName, status: 'preview', totalRows: lines.length, validRows: valid,
  });
  await ImportRow.insertMany(lines.map(({ extraFields: _extra, ...line }) => ({
    ...line, jobId: job._id, state: hasErrors(line) ? 'skipped' : 'pending',
  })));
  return { jobId: String(job._id) };
}
