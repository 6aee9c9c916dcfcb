import { expect } from 'chai';
import express from 'express';
import path from 'node:path';
import request from 'supertest';
import { MongoServerError, MongoServerSelectionError } from 'mongodb';
import { ForbiddenError, NotFoundError, PayloadTooLargeError, ValidationError } from '../../src/shared/errors.js';
import { errorHandler, notFound, statusOf } from '../../src/shared/http/error-handler.js';
import { createLogger } from '../../src/shared/logger.js';
import { createViewEngine } from '../../src/shared/views/engine.js';

/** The real error middleware and views, behind routes that fail on purpose. */
function failingApp(showStack: boolean) {
  const app = express();
  app.engine('.hbs', createViewEngine().engine);
  app.set('view engine', '.hbs');
  app.set('views', path.resolve('views'));
  app.get('/boom', () => { throw new Error('secret internals at db.ts:42'); });
  app.get('/forbidden', () => { throw new ForbiddenError(); });
  app.post('/small', express.urlencoded({ extended: false, limit: '1kb' }), (_req, res) => { res.send('ok'); });
  app.use(notFound);
  app.use(errorHandler({ logger: createLogger('silent'), showStack }));
  return app;
}

describe('error pages', () => {
  describe('in production', () => {
    it('when a route fails, then 500 with a plain message and no stack trace', async () => {
      const response = await request(failingApp(false)).get('/boom').expect(500);
      expect(response.text).to.contain('Noe gikk galt');
      expect(response.text).not.to.contain('secret internals');
    });

    it('when access is refused, then 403 with its page', async () => {
      const response = await request(failingApp(false)).get('/forbidden').expect(403);
      expect(response.text).to.contain('Ingen tilgang');
    });

    it('when a form body is over its limit, then 413 with its page', async () => {
      const response = await request(failingApp(false)).post('/small').type('form').send({ text: 'x'.repeat(5000) }).expect(413);
      expect(response.text).to.contain('For stor');
    });
  });

  describe('status by meaning', () => {
    class CohortMissingError extends NotFoundError {}
    class SheetTooLargeError extends PayloadTooLargeError {}
    it('when an error is a subclass of a named error, then it keeps its parent\'s status', () => {
      expect(statusOf(new CohortMissingError())).to.equal(404);
      expect(statusOf(new SheetTooLargeError())).to.equal(413);
      expect(statusOf(new ValidationError({ name: 'forms.required' }))).to.equal(400);
    });

    it('when the database cannot be reached, then 503; any other failure is 500', () => {
      expect(statusOf(new MongoServerSelectionError('no server', { type: 'Unknown', servers: new Map() } as never))).to.equal(503);
      // FerretDB's locked SQLite database, still locked after the retries: a moment's outage, not a bug.
      expect(statusOf(new MongoServerError({ code: 1, codeName: 'InternalError', errmsg: 'database is locked (5) (SQLITE_BUSY)' }))).to.equal(503);
      expect(statusOf(new Error('bug'))).to.equal(500);
    });
  });

  describe('in development', () => {
    it('when a route fails, then the stack trace is shown to the developer', async () => {
      const response = await request(failingApp(true)).get('/boom').expect(500);
      expect(response.text).to.contain('secret internals');
    });
  });
});
