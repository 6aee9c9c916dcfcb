import { Types } from 'mongoose';
import { Cohort } from '../../src/workshops/cohort.model.js';
import { Garden } from '../../src/workshops/garden.model.js';
import { csrfFrom, submitForm, type Agent } from '../support/http.js';

let gardens = 0;

/** A garden with two rooms; coordinators bound to it when given. */
export async function makeGarden(options: { coordinatorIds?: Types.ObjectId[]; name?: string; region?: string } = {}) {
  gardens += 1;
  return Garden.create({
    name: options.name ?? `Næringshage ${gardens} ${new Types.ObjectId().toString().slice(-4)}`,
    address: 'Storgata 1, 7340 Oppdal', municipality: 'Oppdal', region: options.region ?? 'Trøndelag',
    rooms: ['Storsalen', 'Møterom 2'], coordinatorIds: options.coordinatorIds ?? [],
  });
}

/** A cohort without sessions, open for enrolment for a month. */
export async function makeCohort(options: { gardenId?: Types.ObjectId; capacity?: number; deadline?: Date; trainerIds?: Types.ObjectId[]; title?: string } = {}) {
  const gardenId = options.gardenId ?? (await makeGarden())._id;
  return Cohort.create({
    gardenId, courseSlug: 'digital-strategy', title: options.title ?? 'Digital strategi våren 2027',
    capacity: options.capacity ?? 20, enrolmentDeadline: options.deadline ?? new Date(Date.now() + 30 * 86_400_000),
    trainerIds: options.trainerIds ?? [],
  });
}

/**
 * Creates a cohort as a coordinator does without JavaScript: previews the dates, creates
 * with what was previewed, then publishes it unless `publish` is false. Returns the
 * create response (a refused preview's page when the preview was refused).
 */
export async function createCohortWithForm(agent: Agent, fields: Record<string, string>, options: { publish?: boolean } = {}) {
  const preview = await submitForm(agent, `/cohorts/new?garden=${fields.gardenId}`, { ...fields, intent: 'preview' }, '/cohorts');
  if (preview.status !== 200) return preview;
  const previewed = /name="previewed" value="([^"]*)"/.exec(preview.text)?.[1];
  if (!previewed) throw new Error('the preview shows no dates');
  const created = await agent.post('/cohorts').type('form').send({ ...fields, intent: 'create', previewed, _csrf: csrfFrom(preview.text) });
  if (created.status === 302 && options.publish !== false) {
    const manage = created.headers.location!;
    const publish = await agent.post(manage.replace(/\/manage$/, '/publish')).type('form').send({ _csrf: csrfFrom(preview.text) });
    if (publish.status !== 302) throw new Error(`cohort not published: ${publish.status}`);
  }
  return created;
}
