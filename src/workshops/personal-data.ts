import type { DataSection, DataSubject, Erasure } from '../shared/personal-data.js';
import { CalendarChange } from './calendar-change.model.js';
import { Cohort } from './cohort.model.js';
import { Enrolment, EnrolmentLog, ParticipantSlot, Seat, WaitlistPlace } from './enrolment.model.js';
import { Garden } from './garden.model.js';
import { staffPostsOf } from './staff.js';

/*
 * The workshops component's part of a person's export and erasure. Filters on companyId,
 * participantIds and the like read the whole collection on FerretDB: acceptable for an export
 * or an erasure, which are rare.
 */

const titleOf = async (cohortId: unknown) => (await Cohort.findById(cohortId, { title: 1 }).lean())?.title;

/** The company's enrolments in cohorts (and whether the person is listed), their log, and the person's staff posts. */
export async function personalDataOf(subject: DataSubject): Promise<DataSection> {
  const [enrolments, log, posts] = await Promise.all([
    subject.companyId ? Enrolment.find({ companyId: subject.companyId }).lean() : [],
    subject.companyId ? EnrolmentLog.find({ companyId: subject.companyId }).sort({ createdAt: 1 }).lean() : [],
    staffPostsOf(subject.personId),
  ]);
  return {
    enrolments: await Promise.all(enrolments.map(async (e) => ({
      cohort: await titleOf(e.cohortId), cohortId: String(e.cohortId), status: e.status, seatNo: e.seatNo ?? undefined,
      waitlistPosition: e.waitlistPosition ?? undefined, youAreListed: e.participantIds.some((id) => String(id) === subject.personId),
      createdAt: e.createdAt,
    }))),
    enrolmentLog: await Promise.all(log.map(async (l) => ({
      cohort: await titleOf(l.cohortId), change: l.change, reason: l.reason ?? undefined, byYou: String(l.actorId) === subject.personId, at: l.createdAt,
    }))),
    cohortsTaught: posts.cohorts.map((c) => ({ id: String(c._id), title: c.title })),
    gardensCoordinated: posts.gardens.map((g) => ({ id: String(g._id), name: g.name })),
  };
}

/**
 * Takes the person off their company's participant lists (their places go free) and out of
 * calendar fan-outs in progress; the enrolment log names the stand-in instead of them. When the
 * company goes, its enrolments, seats and waitlist places stay under the stand-in company, so
 * each cohort keeps its count of enrolled companies. A garden's contact details go when they
 * were the person's.
 */
export async function erasePerson(erasure: Erasure): Promise<void> {
  const { personId, standIn } = erasure;
  await Enrolment.updateMany({ participantIds: personId }, { $pull: { participantIds: personId } });
  await ParticipantSlot.deleteMany({ accountId: personId });
  await EnrolmentLog.updateMany({ actorId: personId }, { $set: { actorId: standIn.personId } });
  await CalendarChange.updateMany({ told: personId }, { $pull: { told: personId } });
  await Garden.updateMany({ contactEmail: erasure.email }, { $unset: { contactName: 1, contactEmail: 1, contactPhone: 1 } });
  if (!erasure.companyId || !erasure.eraseCompany) return;
  const moved = { $set: { companyId: standIn.companyId } };
  await Seat.updateMany({ companyId: erasure.companyId }, moved);
  await WaitlistPlace.updateMany({ companyId: erasure.companyId }, moved);
  await ParticipantSlot.updateMany({ companyId: erasure.companyId }, moved);
  await EnrolmentLog.updateMany({ companyId: erasure.companyId }, moved);
  await Enrolment.updateMany({ companyId: erasure.companyId }, moved);
}
