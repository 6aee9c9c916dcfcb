import mongoose, { Schema } from 'mongoose';

/**
 * An erasure under way, recorded before its first step: `_id` is the person's id, so two requests
 * to erase the same person store one request (the second joins it). It holds what the steps need
 * once the account is gone (name, address, company, stand-ins) and the steps still to run. It is
 * deleted when the last step is done, and with it the only link between the person and the stand-ins.
 */
const erasureRequestSchema = new Schema({
  _id: { type: String },
  name: { type: String, required: true },
  email: { type: String, required: true },
  companyId: { type: String },
  companyName: { type: String },
  eraseCompany: { type: Boolean, required: true },
  standIn: { personId: { type: String, required: true }, companyId: { type: String, required: true } },
  remaining: { type: [String], required: true },
  requestedAt: { type: Date, required: true },
}, { versionKey: false });

export const ErasureRequest = mongoose.model('ErasureRequest', erasureRequestSchema);
