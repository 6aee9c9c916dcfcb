import { expect } from 'chai';
import express from 'express';
import type { Session } from 'express-session';
import request from 'supertest';
import { saveSessionBeforeRedirect } from '../../src/shared/http/session.js';

/** An app whose session store takes 50 ms to write, as a loaded database might. */
function slowStoreApp(sessionData: Record<string, unknown>) {
  const events: string[] = [];
  const app = express();
  app.use((req, _res, next) => {
    // Like express-session's Session, the methods live on the prototype and the data on the object.
    const methods = { save(callback: (error?: unknown) => void) { setTimeout(() => { events.push('stored'); callback(); }, 50); } };
    req.session = Object.assign(Object.create(methods), { cookie: {} }, sessionData) as Session & typeof req.session;
    next();
  });
  app.use(saveSessionBeforeRedirect);
  app.get('/', (_req, res) => { events.push('redirecting'); res.redirect('/next'); });
  return { app, events };
}

describe('sessions', () => {
  describe('saveSessionBeforeRedirect', () => {
    it('when the session holds data (a login, a flash), then it is stored before the redirect is sent', async () => {
      const { app, events } = slowStoreApp({ accountId: 'abc' });
      const response = await request(app).get('/').expect(302);
      events.push('response');
      expect(response.headers.location).to.equal('/next');
      expect(events).to.deep.equal(['redirecting', 'stored', 'response']);
    });

    it('when a visitor’s session is empty, then nothing is stored, so reading pages creates no session', async () => {
      const { app, events } = slowStoreApp({});
      await request(app).get('/').expect(302);
      expect(events).to.deep.equal(['redirecting']);
    });
  });
});
