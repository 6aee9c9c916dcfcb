import { expect } from 'chai';
import express from 'express';
import path from 'node:path';
import request from 'supertest';
import { ForbiddenError } from '../../src/shared/errors.js';
import { errorHandler, notFound } from '../../src/shared/http/error-handler.js';
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
  });

  describe('in development', () => {
    it('when a route fails, then the stack trace is shown to the developer', async () => {
      const response = await request(failingApp(true)).get('/boom').expect(500);
      expect(response.text).to.contain('secret internals');
    });
  });
});
