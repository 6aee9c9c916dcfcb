import { expect } from 'chai';
import { Types } from 'mongoose';
import { CourseEnrolment } from '../../src/courses/enrolment.model.js';
import { ModuleProgress } from '../../src/courses/progress.model.js';
import { rekeyCourseRecords } from '../../src/courses/rekey.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { signIn } from '../support/http.js';

const MODULE = '/courses/digital-strategy/modules/being-found-online';

describe('courses', () => {
  let t: TestApp;
  beforeEach(async () => { t = await startTestApp(); });
  afterEach(async () => t.close());

  describe('give old records their derived ids', () => {
    it('when enrolments and done marks were stored under ObjectIds, then after the start-up step the module page finds them, and a second run moves nothing', async () => {
      const company = await makeCompany();
      const account = await makeAccount({ companyId: company._id });
      await CourseEnrolment.collection.insertOne({ _id: new Types.ObjectId() as never, companyId: company._id, courseSlug: 'digital-strategy', createdAt: new Date() });
      await ModuleProgress.collection.insertOne({ _id: new Types.ObjectId() as never, accountId: account._id, courseSlug: 'digital-strategy', moduleSlug: 'being-found-online' });
      const agent = await signIn(t.app, account.email, PASSWORD);
      await agent.get(MODULE).expect(302);

      expect(await rekeyCourseRecords()).to.equal(2);
      expect(await rekeyCourseRecords()).to.equal(0);
      const page = await agent.get(MODULE).expect(200);
      expect(page.text).to.contain('name="done" value="false"');
      expect(await CourseEnrolment.countDocuments()).to.equal(1);
      expect(await ModuleProgress.countDocuments()).to.equal(1);
    });
  });
});
