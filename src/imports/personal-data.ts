import type { DataSection, DataSubject, Erasure } from '../shared/personal-data.js';
import { ImportJob, ImportJobClaim, ImportRow } from './import.model.js';

/*
 * The imports component's part of a person's export and erasure. Filters on the person, the address
 * and the company read whole collections on FerretDB: acceptable for an export or an erasure, which are rare.
 */

/** The lines of import files that named the person, and the imports the person ran. */
export async function personalDataOf(subject: DataSubject): Promise<DataSection> {
  const [byId, byEmail, jobs] = await Promise.all([
    ImportRow.find({ userId: subject.personId }).lean(),
    ImportRow.find({ email: subject.email }).lean(),
    ImportJob.find({ createdBy: subject.personId }).sort({ createdAt: 1 }).lean(),
  ]);
  const rows = [...new Map([...byId, ...byEmail].map((r) => [String(r._id), r])).values()];
  return {
    importedLines: rows.map((r) => ({
      line: r.line, personName: r.personName, email: r.email, companyName: r.companyName, orgNumber: r.orgNumber, state: r.state, at: r.createdAt,
    })),
    importsYouRan: jobs.map((j) => ({ fileName: j.fileName ?? undefined, status: j.status, totalRows: j.totalRows, at: j.createdAt })),
  };
}

/** What a line says of a person, or of a company: blanked, with the preview's notes (which may quote them). */
const blankPerson = { $set: { personName: '', email: '', problems: [] }, $unset: { userId: 1, failure: 1 } };
const blankCompany = { $set: { companyName: '', orgNumber: '', municipality: '', problems: [] }, $unset: { companyId: 1, failure: 1 } };

/**
 * Lines that named the person (and their company, when it goes) keep their place and outcome in the
 * import's result, without the names; imports the person ran name the stand-in.
 */
export async function erasePerson(erasure: Erasure): Promise<void> {
  await ImportRow.updateMany({ userId: erasure.personId }, blankPerson);
  await ImportRow.updateMany({ email: erasure.email }, blankPerson);
  if (erasure.companyId && erasure.eraseCompany) await ImportRow.updateMany({ companyId: erasure.companyId }, blankCompany);
  await ImportJob.updateMany({ createdBy: erasure.personId }, { $set: { createdBy: erasure.standIn.personId } });
  await ImportJobClaim.updateMany({ claimedBy: erasure.personId }, { $set: { claimedBy: erasure.standIn.personId } });
}
