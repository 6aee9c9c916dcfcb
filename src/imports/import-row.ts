import type { Types } from 'mongoose';
import { Company } from '../accounts/company.model.js';
import { User } from '../accounts/user.model.js';
import { insertOrReadWinner } from '../shared/db/claims.js';
import { NotFoundError } from '../shared/errors.js';
import { AlreadyEnrolledError, ParticipantLimitError, type EnrolmentService } from '../workshops/index.js';
import { Enrolment } from '../workshops/enrolment.model.js';
import type { ImportRowDoc } from './import.model.js';

/** A line that could not be imported now; the key (under imports.problems) says why. */
export class RowFailure extends Error {
  constructor(readonly key: string, readonly params: Record<string, string | number> = {}) {
    super(key);
    this.name = 'RowFailure';
  }
}

// A lost insert finds the winner unless it was deleted in between; then the insert tries again, twice more at most.
const CREATE_ATTEMPTS = 3;

export interface RowContext {
  cohortId: Types.ObjectId;
  actorId: Types.ObjectId;
  /** Where a new company is, when the file does not say: the garden's municipality. */
  defaultMunicipality: string;
  enrolment: EnrolmentService;
}

export interface RowOutcome {
  companyId: Types.ObjectId;
  userId: Types.ObjectId;
  companyCreated: boolean;
  personCreated: boolean;
  enrolment: 'enrolled' | 'waitlisted' | 'added';
  person: { _id: Types.ObjectId; email: string; name: string; passwordHash?: string | null; language?: string | null };
  companyName: string;
}

/** The values of a line that the import uses. */
export type RowValues = Pick<ImportRowDoc, 'orgNumber' | 'companyName' | 'personName' | 'email' | 'municipality'>;

/** The company with the line's organisation number, created when there is none; the unique index settles races. */
async function upsertCompany(line: RowValues, context: RowContext) {
  const existing = await Company.findOne({ orgNumber: line.orgNumber }).lean();
  if (existing) return { company: existing, created: false };
  // Sector and size are not in the list; the company's people can correct them later.
  const { value: company, created } = await insertOrReadWinner(async () => (await Company.create({
    name: line.companyName, orgNumber: line.orgNumber, municipality: line.municipality || context.defaultMunicipality,
    sector: 'other', employees: 0,
  })).toObject(), () => Company.findOne({ orgNumber: line.orgNumber }).lean(), CREATE_ATTEMPTS);
  return { company, created };
}

/** The person with the line's email, created without a password when new; one of another company is refused. */
async function upsertPerson(line: RowValues, companyId: Types.ObjectId) {
  let person = await User.findOne({ email: line.email }).lean();
  let created = false;
  if (!person) {
    ({ value: person, created } = await insertOrReadWinner(
      async () => (await User.create({ email: line.email, name: line.personName, roles: ['participant'], companyId })).toObject(),
      () => User.findOne({ email: line.email }).lean(), CREATE_ATTEMPTS,
    ));
  }
  if (!person.companyId) {
    await User.updateOne({ _id: person._id, companyId: null }, { $set: { companyId } });
    person = await User.findById(person._id).lean();
    if (!person) throw new RowFailure('personGone');
  }
  if (String(person.companyId) !== String(companyId)) throw new RowFailure('emailOtherCompany', { email: line.email });
  return { person, created };
}

/** Enrols the company with the person, or adds the person when the company is enrolled already. */
async function enrolPerson(companyId: Types.ObjectId, userId: Types.ObjectId, context: RowContext): Promise<RowOutcome['enrolment']> {
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
  const enrolment = await Enrolment.findOne(request, { status: 1 }).lean();
  if (enrolment?.status === 'pending') throw new RowFailure('enrolmentPending');
  return 'added';
}

/**
 * Imports one line: company by organisation number, person by email, then the
 * enrolment. Every step finds before it creates and tolerates a duplicate, so
 * running a line again — after a crash, or twice at once — changes nothing.
 */
export async function importRow(line: RowValues, context: RowContext): Promise<RowOutcome> {
  const { company, created: companyCreated } = await upsertCompany(line, context);
  const { person, created: personCreated } = await upsertPerson(line, company._id);
  const enrolment = await enrolPerson(company._id, person._id, context);
  return {
    companyId: company._id, userId: person._id, companyCreated, personCreated, enrolment, person, companyName: company.name,
  };
}
