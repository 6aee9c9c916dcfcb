// Reads other components may make of accounts' data: plain objects, string ids.
import { Company } from './company.model.js';
import { normaliseOrgNumber } from './org-number.js';

/** The id of the company registered with this organisation number (spaces allowed), if any. */
export async function companyIdByOrgNumber(orgNumber: string): Promise<string | undefined> {
  const company = await Company.findOne({ orgNumber: normaliseOrgNumber(orgNumber) }, { _id: 1 }).lean();
  return company ? String(company._id) : undefined;
}
