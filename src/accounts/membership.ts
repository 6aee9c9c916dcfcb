import mongoose, { Schema } from 'mongoose';
import { retryWhileTaken } from '../shared/db/claims.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import type { Erasure } from '../shared/personal-data.js';
import { Company } from './company.model.js';
import { User } from './user.model.js';

/**
 * One numbered change to a company's people: `_id` is `companyId:number`, so of two requests that
 * read the same state and both want to change it, exactly one insert stores the next number.
 */
const membershipChangeSchema = new Schema({
  _id: { type: String },
  companyId: { type: Schema.Types.ObjectId, ref: 'Company', required: true },
  removedId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
}, { timestamps: true });

const MembershipChange = mongoose.model('MembershipChange', membershipChangeSchema);

const changeId = (companyId: string, number: number) => `${companyId}:${number}`;

/** A company keeps at least one person: the last one cannot be removed. */
export class LastPersonError extends ConflictError {
  constructor() {
    super('companies.lastPerson');
  }
}

/** Carries out a claimed change; doing it twice is harmless, so anyone who meets it may finish it. */
async function apply(companyId: string, number: number, removedId: unknown): Promise<void> {
  await User.updateOne({ _id: removedId, companyId }, { $unset: { companyId: 1 } });
  await Company.updateOne({ _id: companyId }, { membershipChanges: number });
}

/**
 * Finishes every claimed change after the company's recorded count (one a crashed request left
 * half done, or one another request is applying now) and returns the number of the last one.
 * Each probe is a lookup by `_id`.
 */
async function settledCount(companyId: string): Promise<number> {
  const company = await Company.findById(companyId, { membershipChanges: 1 }).lean();
  if (!company) throw new NotFoundError();
  let count = company.membershipChanges ?? 0;
  for (;;) {
    const next = await MembershipChange.findById(changeId(companyId, count + 1)).lean();
    if (!next) return count;
    await apply(companyId, count + 1, next.removedId);
    count += 1;
  }
}

/**
 * Removes a person from the company, unless they are its last one. Two owners removing each other
 * at once both read "two people"; the rule rests on the numbered claim instead of that read: both
 * try to insert the same next change, one stores it, and the other starts over, finishes the
 * winner's change first and then finds itself removing the last person.
 */
export async function removeFromCompany(companyId: string, personId: string): Promise<void> {
  await retryWhileTaken(async () => {
    const count = await settledCount(companyId);
    // Read after every earlier change is applied, so this is the company as of change `count`.
    const people = await User.find({ companyId }, { _id: 1 }).lean();
    if (!people.some((p) => String(p._id) === personId)) throw new NotFoundError();
    if (people.length < 2) throw new LastPersonError();
    await MembershipChange.create({ _id: changeId(companyId, count + 1), companyId, removedId: personId });
    await apply(companyId, count + 1, personId);
  }, 20);
}

/**
 * A person's erasure: an erased company's changes go; elsewhere, a change that removed the person
 * names their stand-in instead, so the company's numbered chain stays whole. (Filters other than
 * {_id} read the whole collection on FerretDB: acceptable for a rare erasure.)
 */
export async function eraseFromMembershipChanges(erasure: Erasure): Promise<void> {
  if (erasure.companyId && erasure.eraseCompany) await MembershipChange.deleteMany({ companyId: erasure.companyId });
  await MembershipChange.updateMany({ removedId: erasure.personId }, { $set: { removedId: erasure.standIn.personId } });
}
