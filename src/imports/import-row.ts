import type { Types } from 'mongoose';
import { findOrCreateCompany, findOrCreateParticipant, type ListedPerson } from '../accounts/index.js';
import { NotFoundError } from '../shared/errors.js';
import { AlreadyEnrolledError, ParticipantLimitError, type EnrolmentService } from '../workshops/index.js';
import { enrolmentOf } from '../workshops/queries.js';
import type { ImportRowDoc } from './import.model.js';

/** A line that could not be imported now; the key (under imports.problems) says why. */
export class RowFailure extends Error {
  constructor(readonly key: string, readonly params: Record<string, string | number> = {}) {
    super(key);
    this.name = 'RowFailure';
  }
}

export interface RowContext {
  cohortId: Types.ObjectId;
  actorId: Types.ObjectId;
  /** Where a new company is, when the file does not say: the garden's municipality. */
  defaultMunicipality: string;
  enrolment: EnrolmentService;
}

export interface RowOutcome {
  companyId: string;
  userId: string;
  companyCreated: boolean;
  personCreated: boolean;
  enrolment: 'enrolled' | 'waitlisted' | 'added';
  person: ListedPerson;
  companyName: string;
}

/** The values of a line that the import uses. */
export type RowValues = Pick<ImportRowDoc, 'orgNumber' | 'companyName' | 'personName' | 'email' | 'municipality'>;

/** The company with the line's organisation number, created when there is none (the accounts component settles races). */
function upsertCompany(line: RowValues, context: RowContext) {
  return findOrCreateCompany({ name: line.companyName, orgNumber: line.orgNumber, municipality: line.municipality || context.defaultMunicipality,
    contactName: line.personName, contactEmail: line.email,
  });
}

/** The person with the line's email, created without a password when new; one of another company is refused. */
async function upsertPerson(line: RowValues, companyId: string) {
  const { person, created } = await findOrCreateParticipant({ email: line.email, name: line.personName, companyId });
  if (!person) throw new RowFailure('personGone');
  if (person.companyId !== companyId) throw new RowFailure('emailOtherCompany', { email: line.email });
  return { person, created };
}

/** Enrols the company with the person, or adds the person when the company is enrolled already. */
async function enrolPerson(companyId: string, userId: string, context: RowContext): Promise<RowOutcome['enrolment']> {
  const request = { cohortId: context.cohortId, companyId };
  try {
    const outcome = await context.enrolment.enrolCompany({
      ...request, participantIds: [userId], actorId: context.actorId, reason: 'import', asCoordinator: true,
    });
    return outcome.status;
  } catch (error) {
    if (!(error instanceof AlreadyEnrolledError)) throw error;
  }
  try {
    await context.enrolment.addParticipant({ ...request, accountId: userId });
  } catch (error) {
    if (error instanceof ParticipantLimitError) throw new RowFailure('tooManyParticipants', error.params);
    if (error instanceof NotFoundError) throw new RowFailure('enrolmentGone');
    throw error;
  }
  // An enrolment left half-made (no seat, no waitlist place) is reported rather than passed off as done.
  const enrolment = await enrolmentOf(request.cohortId, request.companyId);
  if (enrolment?.status === 'pending') throw new RowFailure('enrolmentPending');
  return 'added';
}

/**
 * Imports one line: company by organisation number, person by email, then the
 * enrolment. Every step finds before it creates and tolerates a duplicate, so
 * running a line again — after a crash, or twice at once — changes nothing.
 */
export async function importRow(line: RowValues, context: RowContext): Promise<RowOutcome> {
  const company = await upsertCompany(line, context);
  const { person, created: personCreated } = await upsertPerson(line, company.id);
  const enrolment = await enrolPerson(company.id, person.id, context);
  return {
    companyId: company.id, userId: person.id, companyCreated: company.created, personCreated, enrolment, person, companyName: company.name,
  };
}
