import { expect } from 'chai';
import crypto from 'node:crypto';
import { Material } from '../../src/materials/material.model.js';
import { storeMaterial } from '../../src/materials/materials.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { newAgent, signIn, type Agent } from '../support/http.js';
import { binary, COURSE, gridFsCounts, MODULE, MODULE_PATH } from './support/http.js';
import * as sample from './support/samples.js';

// Larger than two GridFS chunks (255 kB each), so ranges can cross chunk boundaries.
const SIZE = 600_000;

describe('materials', () => {
  let t: TestApp;
  let bytes: Buffer;
  let id: string;
  let trainer: Agent;
  beforeEach(async () => {
    t = await startTestApp();
    const account = await makeAccount({ roles: ['trainer'] });
    trainer = await signIn(t.app, account.email, PASSWORD);
    bytes = sample.pdf(SIZE);
    ({ id } = await storeMaterial({
      title: 'Lysark', courseSlug: COURSE, moduleSlug: MODULE, originalName: 'lysark.pdf', bytes, uploadedBy: String(account._id),
    }));
  });
  afterEach(async () => t.close());

  describe('download', () => {
    it('when a trainer downloads, then every byte arrives with type, length, disposition and range support', async () => {
      const response = await trainer.get(`/materials/${id}`).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).to.equal('application/pdf');
      expect(response.headers['content-length']).to.equal(String(SIZE));
      expect(response.headers['accept-ranges']).to.equal('bytes');
      expect(response.headers['content-disposition']).to.equal('attachment; filename="lysark.pdf"; filename*=UTF-8\'\'lysark.pdf');
      expect(Buffer.compare(response.body as Buffer, bytes)).to.equal(0);
    });

    it('when the material is stored, then its SHA-256 matches both the upload and the download', async () => {
      const expected = crypto.createHash('sha256').update(bytes).digest('hex');
      const material = await Material.findById(id).lean();
      expect(material?.sha256).to.equal(expected);
      const response = await trainer.get(`/materials/${id}`).buffer(true).parse(binary).expect(200);
      expect(crypto.createHash('sha256').update(response.body as Buffer).digest('hex')).to.equal(expected);
    });

    it('when a range across a chunk boundary is asked for, then 206 brings exactly those bytes', async () => {
      const response = await trainer.get(`/materials/${id}`).set('Range', 'bytes=255000-300000').buffer(true).parse(binary);
      expect(response.status).to.equal(206);
      expect(response.headers['content-range']).to.equal(`bytes 255000-300000/${SIZE}`);
      expect(response.headers['content-length']).to.equal('45001');
      expect(Buffer.compare(response.body as Buffer, bytes.subarray(255000, 300001))).to.equal(0);
    });

    it('when the last bytes are asked for, then 206 brings the tail of the file', async () => {
      const response = await trainer.get(`/materials/${id}`).set('Range', 'bytes=-100').buffer(true).parse(binary);
      expect(response.status).to.equal(206);
      expect(response.headers['content-range']).to.equal(`bytes ${SIZE - 100}-${SIZE - 1}/${SIZE}`);
      expect(Buffer.compare(response.body as Buffer, bytes.subarray(SIZE - 100))).to.equal(0);
    });

    it('when the range lies beyond the end, then 416 names the size', async () => {
      const response = await trainer.get(`/materials/${id}`).set('Range', `bytes=${SIZE}-`);
      expect(response.status).to.equal(416);
      expect(response.headers['content-range']).to.equal(`bytes */${SIZE}`);
    });

    it('when a visitor is not signed in, then they are sent to log in instead of getting the file', async () => {
      const response = await newAgent(t.app).get(`/materials/${id}`);
      expect(response.status).to.equal(302);
      expect(response.headers.location).to.equal(`/login?next=${encodeURIComponent(`/materials/${id}`)}`);
      expect(response.headers['content-disposition']).to.equal(undefined);
    });

    it('when a participant of a company not enrolled in the course asks, then 403, while a trainer gets 200', async () => {
      const company = await makeCompany();
      const account = await makeAccount({ companyId: company._id });
      const participant = await signIn(t.app, account.email, PASSWORD);
      const refused = await participant.get(`/materials/${id}`).buffer(true).parse(binary);
      expect(refused.status).to.equal(403);
      expect(refused.headers['content-disposition']).to.equal(undefined);
      await trainer.get(`/materials/${id}`).buffer(true).parse(binary).expect(200);
    });

    it('when the id is unknown or malformed, then 404', async () => {
      await trainer.get('/materials/0123456789abcdef01234567').expect(404);
      await trainer.get('/materials/not-an-id').expect(404);
    });
  });

  describe('delete', () => {
    it('when a trainer deletes a material, then its record, GridFS file and chunks are gone', async () => {
      expect(await gridFsCounts()).to.deep.equal({ files: 1, chunks: 3 });
      const token = (await trainer.get('/dashboard')).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
      const response = await trainer.post(`/materials/${id}/delete`).type('form').send({ _csrf: token });
      expect(response.status).to.equal(302);
      expect(response.headers.location).to.equal(MODULE_PATH);
      expect(await Material.countDocuments()).to.equal(0);
      expect(await gridFsCounts()).to.deep.equal({ files: 0, chunks: 0 });
      await trainer.get(`/materials/${id}`).expect(404);
    });

    it('when a participant tries to delete, then 403 and the material stays', async () => {
      const account = await makeAccount({ companyId: (await makeCompany())._id });
      const participant = await signIn(t.app, account.email, PASSWORD);
      const token = (await participant.get('/dashboard')).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
      const response = await participant.post(`/materials/${id}/delete`).type('form').send({ _csrf: token });
      expect(response.status).to.equal(403);
      expect(await gridFsCounts()).to.deep.equal({ files: 1, chunks: 3 });
    });
  });
});
