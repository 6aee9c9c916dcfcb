/*
 * What every component that holds personal data offers the privacy component: a copy of what it
 * holds about a person (and their company), and the erasure of it. Both take and return plain data.
 * The types live in shared/ so components need not import the privacy component to satisfy them.
 */

/** Whose data: the person, as they were when the export or erasure began. */
export interface DataSubject {
  personId: string;
  name: string;
  email: string;
  /** The person's company, if they belong to one, and its name. */
  companyId?: string;
  companyName?: string;
}

/** One erasure, as every component's step receives it. */
export interface Erasure extends DataSubject {
  /** The person was their company's last: the company goes with them. */
  eraseCompany: boolean;
  /**
   * Random ids that take the person's and company's place on the records kept for the
   * programme's figures (attendance marks, enrolments, strategy statuses). Nothing links them
   * to the person once the erasure is done: the request that pairs them is deleted then.
   */
  standIn: { personId: string; companyId: string };
}

/** A component's part of a person's export: plain values, dates and nested lists that JSON can hold. */
export type DataSection = Record<string, unknown>;

/** A component's two privacy functions (its `index.ts` exports them). */
export interface PersonalDataHolder {
  personalDataOf(subject: DataSubject): Promise<DataSection>;
  /** Deletes or anonymises the component's records of the person; running it again changes nothing. */
  erasePerson(erasure: Erasure): Promise<void>;
}
