import mongoose, { Schema } from 'mongoose';

/**
 * A change people's calendars show (a session moved or cancelled, a cohort
 * renamed, a garden's name or address changed), recorded before it is stored.
 * It is also the fan-out job: the mail worker tells everyone it concerns and
 * deletes it when done, so the collection holds only changes still being told.
 *
 * `_id` is deterministic: `session:<sessionId>:<sequence>` for one session, or
 * `cohort:<cohortId>:<sequence of its first session>` when every session of a
 * cohort changes. Of two coordinators changing the same thing at once, only one
 * insert succeeds; no conditional update is trusted (FerretDB reads, then writes).
 */
const calendarChangeSchema = new Schema({
  _id: { type: String, required: true },
  kind: { type: String, enum: ['moved', 'cancelled', 'updated'], required: true },
  cohortId: { type: Schema.Types.ObjectId, required: true },
  // Each session with the SEQUENCE it gets, and (moves and cancellations) its new fields.
  sessions: [{
    _id: false,
    sessionId: { type: Schema.Types.ObjectId, required: true },
    sequence: { type: Number, required: true },
    set: { type: Schema.Types.Mixed },
  }],
  // The calendar fields of a cohort or garden change, so a restarted worker can finish storing it.
  cohortSet: { type: Schema.Types.Mixed },
  gardenId: { type: Schema.Types.ObjectId },
  gardenSet: { type: Schema.Types.Mixed },
  reason: { type: String },
  // The fan-out's progress: people whose email is in the outbox (the outbox key makes a repeat harmless).
  told: { type: [String], default: [] },
  createdAt: { type: Date, required: true },
});

export const CalendarChange = mongoose.model('CalendarChange', calendarChangeSchema);
