import { expect } from 'chai';
import { Material } from '../../src/materials/material.model.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { makeAccount, makeCompany, PASSWORD } from '../support/fixtures.js';
import { signIn, type Agent } from '../support/http.js';
import { binary, gridFsCounts, MODULE_PATH, NEW_PATH, upload } from './support/http.js';
import * as sample from './support/samples.js';

const ACCEPTED = [
  { kind: 'PDF', bytes: sample.pdf, contentType: 'application/pdf', ext: 'pdf' },
  { kind: 'PowerPoint', bytes: () => sample.office('pptx'), contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx' },
  { kind: 'Word', bytes: () => sample.office('docx'), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  { kind: 'Excel', bytes: () => sample.office('xlsx'), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  { kind: 'PNG', bytes: sample.png, contentType: 'image/png', ext: 'png' },
  { kind: 'JPEG', bytes: sample.jpeg, contentType: 'image/jpeg', ext: 'jpg' },
  { kind: 'MP4', bytes: sample.mp4, contentType: 'video/mp4', ext: 'mp4' },
];

describe('materials', () => {
  describe('upload', () => {
    let t: TestApp;
    let trainer: Agent;
    beforeEach(async () => {
      t = await startTestApp();
      const account = await makeAccount({ roles: ['trainer'] });
      trainer = await signIn(t.app, account.email, PASSWORD);
    });
    afterEach(async () => t.close());

    it('when a participant asks for the form or posts a file, then both are refused with 403 and nothing is stored', async () => {
      const company = await makeCompany();
      const account = await makeAccount({ companyId: company._id });
      const participant = await signIn(t.app, account.email, PASSWORD);
      await participant.get(NEW_PATH).expect(403);
      const response = await upload(participant, { bytes: sample.pdf(), name: 'plan.pdf' }, 'Plan', '/dashboard');
      expect(response.status).to.equal(403);
      expect(await Material.countDocuments()).to.equal(0);
      expect(await gridFsCounts()).to.deep.equal({ files: 0, chunks: 0 });
    });

    it('when the course has no such module, then the form and the upload are 404', async () => {
      await trainer.get('/courses/digital-strategy/modules/no-such-module/materials/new').expect(404);
      const token = (await trainer.get(NEW_PATH)).text.match(/_csrf=([^"&]+)"/)![1]!;
      const response = await trainer.post(`/courses/digital-strategy/modules/no-such-module/materials?_csrf=${token}`)
        .field('title', 'Plan').attach('file', sample.pdf(), 'plan.pdf');
      expect(response.status).to.equal(404);
      expect(await gridFsCounts()).to.deep.equal({ files: 0, chunks: 0 });
    });

    for (const type of ACCEPTED) {
      it(`when a ${type.kind} file arrives under a misleading name, then it is stored as ${type.contentType}`, async () => {
        const bytes = type.bytes();
        const response = await upload(trainer, { bytes, name: 'fra-skanneren.txt' }, `Eksempel ${type.kind}`);
        expect(response.status).to.equal(302);
        expect(response.headers.location).to.equal(MODULE_PATH);
        // Follow the redirect as a browser would, so the flash is consumed before the download.
        await trainer.get(NEW_PATH).expect(200);
        const material = await Material.findOne().lean();
        expect(material?.contentType).to.equal(type.contentType);
        expect(material?.fileName).to.equal(`fra-skanneren.${type.ext}`);
        expect(await gridFsCounts()).to.include({ files: 1 });
        const download = await trainer.get(`/materials/${material!._id}`).buffer(true).parse(binary).expect(200);
        expect(download.headers['content-type']).to.equal(type.contentType);
        expect(Buffer.compare(download.body as Buffer, bytes)).to.equal(0);
      });
    }

    it('when the upload succeeds, then the module page shows a confirmation', async () => {
      const response = await upload(trainer, { bytes: sample.pdf(), name: 'plan.pdf' }, 'Lysark fra samling 1');
      expect(response.status).to.equal(302);
      const form = await trainer.get(NEW_PATH).expect(200);
      expect(form.text).to.contain('«Lysark fra samling 1» er lastet opp.');
      expect(form.text).to.contain('href="/materials/');
    });

    for (const [name, bytes] of [['Windows', sample.windowsExecutable()], ['Linux', sample.linuxExecutable()]] as const) {
      it(`when a file named .pdf is really a ${name} program, then it is refused as a program and nothing is stored`, async () => {
        const response = await upload(trainer, { bytes, name: 'kursplan.pdf' }, 'Kursplan');
        expect(response.status).to.equal(400);
        expect(response.text).to.contain('Filen er et program, ikke et dokument');
        expect(response.text).to.contain('value="Kursplan"');
        expect(await Material.countDocuments()).to.equal(0);
        expect(await gridFsCounts()).to.deep.equal({ files: 0, chunks: 0 });
      });
    }

    it('when a web page is named .pdf, then it is refused as an unsupported type', async () => {
      const page = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
      const response = await upload(trainer, { bytes: page, name: 'kursplan.pdf' }, 'Kursplan');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Denne filtypen kan ikke lastes opp');
      expect(await gridFsCounts()).to.deep.equal({ files: 0, chunks: 0 });
    });

    it('when the title is missing, then the form says so and nothing is stored', async () => {
      const response = await upload(trainer, { bytes: sample.pdf(), name: 'plan.pdf' }, '  ');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('href="#title"');
      expect(await gridFsCounts()).to.deep.equal({ files: 0, chunks: 0 });
    });

    it('when no file is chosen, then the form asks for one and keeps the title', async () => {
      const token = (await trainer.get(NEW_PATH)).text.match(/_csrf=([^"&]+)"/)![1]!;
      const response = await trainer.post(`${MODULE_PATH}/materials?_csrf=${token}`).field('title', 'Oppgaveark');
      expect(response.status).to.equal(400);
      expect(response.text).to.contain('Velg en fil å laste opp.');
      expect(response.text).to.contain('value="Oppgaveark"');
    });

    it('when the name carries a path, then it is stored and sent under the bare name', async () => {
      expect((await upload(trainer, { bytes: sample.pdf(), name: '../../x.pdf' })).status).to.equal(302);
      await trainer.get(NEW_PATH).expect(200);
      const material = await Material.findOne().lean();
      expect(material?.fileName).to.equal('x.pdf');
      const download = await trainer.get(`/materials/${material!._id}`).buffer(true).parse(binary).expect(200);
      expect(download.headers['content-disposition']).to.equal('attachment; filename="x.pdf"; filename*=UTF-8\'\'x.pdf');
    });

    it('when the name has Norwegian letters and quoting characters, then the letters stay and the quotes go', async () => {
      expect((await upload(trainer, { bytes: sample.pdf(), name: 'Årsmøte "plan"\r\n.pdf' })).status).to.equal(302);
      await trainer.get(NEW_PATH).expect(200);
      const material = await Material.findOne().lean();
      expect(material?.fileName).to.equal('Årsmøte _plan_.pdf');
      const download = await trainer.get(`/materials/${material!._id}`).buffer(true).parse(binary).expect(200);
      expect(download.headers['content-disposition']).to.equal(
        'attachment; filename="Arsmote _plan_.pdf"; filename*=UTF-8\'\'%C3%85rsm%C3%B8te%20_plan_.pdf');
    });
  });

  describe('upload size limit', () => {
    let t: TestApp;
    let trainer: Agent;
    beforeEach(async () => {
      t = await startTestApp({ UPLOAD_MAX_MB: '0.01' });
      const account = await makeAccount({ roles: ['coordinator'] });
      trainer = await signIn(t.app, account.email, PASSWORD);
    });
    afterEach(async () => t.close());

    it('when the file is larger than UPLOAD_MAX_MB, then it is refused with 413, the limit and the title, and GridFS stays empty', async () => {
      const response = await upload(trainer, { bytes: sample.pdf(20_000), name: 'stor.pdf' }, 'Stor fil');
      expect(response.status).to.equal(413);
      expect(response.text).to.contain('Filen er for stor. Den kan være på høyst 0.01 MB.');
      expect(response.text).to.contain('value="Stor fil"');
      expect(await Material.countDocuments()).to.equal(0);
      expect(await gridFsCounts()).to.deep.equal({ files: 0, chunks: 0 });
    });

    it('when the file is within the limit, then it is stored', async () => {
      const response = await upload(trainer, { bytes: sample.pdf(9_000), name: 'liten.pdf' }, 'Liten fil');
      expect(response.status).to.equal(302);
      expect(await gridFsCounts()).to.deep.equal({ files: 1, chunks: 1 });
    });
  });
});
