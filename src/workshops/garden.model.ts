import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { noteChangesOf } from '../shared/db/change-notes.js';
import { staffNotes } from './staff-notes.js';

/** A business garden (næringshage) and the venue where it holds workshops. */
const gardenSchema = new Schema({
  name: { type: String, required: true, trim: true },
  address: { type: String, required: true, trim: true },
  municipality: { type: String, required: true, trim: true },
  region: { type: String, required: true, trim: true },
  latitude: { type: Number, min: -90, max: 90 },
  longitude: { type: Number, min: -180, max: 180 },
  rooms: { type: [String], default: [] },
  contactName: { type: String, trim: true },
  contactEmail: { type: String, trim: true, lowercase: true },
  contactPhone: { type: String, trim: true },
  coordinatorIds: { type: [Schema.Types.ObjectId], ref: 'User', default: [] },
}, { timestamps: true });

gardenSchema.index({ name: 1 }, { unique: true });
gardenSchema.index({ coordinatorIds: 1 });

// Dashboards and feeds cache the gardens each coordinator coordinates (staff.ts): every write naming one says so.
noteChangesOf(gardenSchema, staffNotes('coordinatorIds'));

export type GardenDoc = InferSchemaType<typeof gardenSchema> & { _id: Types.ObjectId };
export const Garden = mongoose.model('Garden', gardenSchema);
