import { expect } from 'chai';
import type { Types } from 'mongoose';
import { makeAccount, PASSWORD } from '../support/fixtures.js';
import { signIn, type Agent } from '../support/http.js';
import type { TestApp } from '../support/app.js';
import { makeCohort, makeGarden } from '../workshops/fixtures.js';

export const importPath = (cohortId: Types.ObjectId | string) => `/cohorts/${String(cohortId)}/import`;

/** A coordinator of a garden with one cohort (20 seats, 2 participants per company), signed in. */
export async function coordinatorWithCohort(t: TestApp, options: { capacity?: number } = {}) {
  const coordinator = await makeAccount({ roles: ['coordinator'], name: 'Kari Koordinator' });
  const garden = await makeGarden({ coordinatorIds: [coordinator._id] });
  const cohort = await makeCohort({ gardenId: garden._id, capacity: options.capacity });
  const agent = await signIn(t.app, coordinator.email, PASSWORD);
  return { coordinator, garden, cohort, agent };
}

/** Uploads a file the way the form does: the CSRF token in the action's query string. */
export async function uploadFile(agent: Agent, cohortId: Types.ObjectId | string, bytes: Buffer | string, name = 'deltakere.csv') {
  const page = await agent.get(importPath(cohortId)).expect(200);
  const token = /_csrf=([^"&]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error('no CSRF token in the upload form');
  return agent.post(`${importPath(cohortId)}?_csrf=${token}`).attach('file', Buffer.from(bytes), name);
}

/** Uploads a CSV and returns the preview page's address and HTML. */
export async function previewCsv(agent: Agent, cohortId: Types.ObjectId | string, csv: string) {
  const response = await uploadFile(agent, cohortId, csv);
  expect(response.status, response.text).to.equal(302);
  const jobPath = String(response.headers.location);
  const page = await agent.get(jobPath).expect(200);
  return { jobPath, jobId: jobPath.split('/').pop()!, html: page.text };
}

/** Posts a job page's form (confirm or resume) with the page's CSRF token. */
export async function postJobAction(agent: Agent, jobPath: string, action: 'confirm' | 'resume', token?: string) {
  const _csrf = token ?? /name="_csrf" value="([^"]+)"/.exec((await agent.get(jobPath)).text)?.[1];
  return agent.post(`${jobPath}/${action}`).type('form').send({ _csrf });
}

/** Follows the progress page until it stops refreshing, as a browser would; returns the result page. */
export async function waitForResult(agent: Agent, jobPath: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await agent.get(jobPath).expect(200);
    if (!page.text.includes('http-equiv="refresh"')) return page.text;
    if (Date.now() > deadline) throw new Error('the import did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The text of the table row for a line of the file, tags removed. */
export function rowText(html: string, line: number): string {
  const match = new RegExp(`<tr[^>]*id="line-${line}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  if (!match) throw new Error(`no row for line ${line}`);
  return match[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').trim();
}

/** A CSV text from a header and rows, joined with the delimiter and CRLF. */
export function csv(rows: string[][], delimiter = ';'): string {
  return rows.map((fields) => fields.join(delimiter)).join('\r\n') + '\r\n';
}
