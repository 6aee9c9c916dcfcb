import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A session's check-in code, keyed by the code itself: a participant's check-in
 * finds the session by one point lookup, and the unique `_id` keeps two sessions
 * from ever being given the same code. The session holds its code too
 * (`WorkshopSession.checkInCode`), and a code counts only while it does.
 */
const checkInCodeSchema = new Schema({
  _id: { type: String },
  sessionId: { type: Schema.Types.ObjectId, ref: 'WorkshopSession', required: true },
}, { timestamps: true });

export type CheckInCodeDoc = InferSchemaType<typeof checkInCodeSchema> & { _id: string };
export const CheckInCode = mongoose.model('CheckInCode', checkInCodeSchema);
