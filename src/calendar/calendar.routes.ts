import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ForbiddenError } from '../shared/errors.js';
import { parseForm } from '../shared/forms.js';
import { flash } from '../shared/http/context.js';
import { requireAccount } from '../shared/http/guards.js';
import type { CalendarFile, CalendarService } from './calendar.service.js';
import { feedGardensOf, feedTokensOf, rotateFeedToken } from './feed-tokens.js';

declare module 'express-session' {
  interface SessionData {
    // A feed address just made: shown once on the dashboard, then forgotten (only its hash is stored).
    revealedFeed?: { scope: 'person' | 'garden'; gardenId?: string; path: string };
  }
}

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';
const rotateSchema = z.object({
  scope: z.enum(['person', 'garden'], { message: 'forms.choose' }),
  gardenId: z.string().regex(/^[a-f\d]{24}$/i, 'forms.invalid').optional(),
});

/** The feed links shown on the dashboard: which exist, and the address made a moment ago. */
export interface CalendarPanel {
  /** Whether there is anything to show: participants have their own feed, staff their gardens'. */
  show: boolean;
  person?: FeedLink;
  gardens: Array<FeedLink & { id: string; name: string }>;
}
interface FeedLink { exists: boolean; createdAt?: Date; https?: string; webcal?: string }

function sendDownload(res: Response, file: CalendarFile) {
  // The file name is plain ASCII (see calendar.service.ts), so it can be quoted as it is.
  res.type(CALENDAR_TYPE).set({ 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'no-cache' }).send(file.content);
}

function sendFeed(res: Response, content: string) {
  res.type(CALENDAR_TYPE).set({ 'Cache-Control': 'private, max-age=300', 'X-Robots-Tag': 'noindex' }).send(content);
}

/** .ics downloads of a cohort or one session, personal and garden feeds, and resetting a feed's address. */
export function calendarRoutes(deps: { calendar: CalendarService }): Router {
  const router = Router();

  router.get('/workshops/:cohortId/calendar.ics', async (req, res) => {
    sendDownload(res, await deps.calendar.cohortFile(String(req.params.cohortId), req.lang));
  });

  router.get('/workshops/:cohortId/sessions/:sessionId.ics', async (req, res) => {
    sendDownload(res, await deps.calendar.sessionFile(String(req.params.cohortId), String(req.params.sessionId), req.lang));
  });

  router.get('/feeds/:token.ics', async (req, res) => sendFeed(res, await deps.calendar.personFeedFor(String(req.params.token))));
  router.get('/feeds/garden/:token.ics', async (req, res) => sendFeed(res, await deps.calendar.gardenFeedFor(String(req.params.token))));

  // Makes a feed address, or replaces it: the old address answers 404 from now on.
  router.post('/feeds', requireAccount, async (req, res) => {
    const account = req.account!;
    const { scope, gardenId } = parseForm(rotateSchema, req.body);
    if (scope === 'garden' && !(await feedGardensOf(account.id)).some((g) => g.id === gardenId)) throw new ForbiddenError();
    const existed = (await feedTokensOf(account.id, gardenId ? [gardenId] : [])).some((t) => t.scope === scope && t.gardenId === gardenId);
    const path = await rotateFeedToken(account.id, scope, scope === 'garden' ? gardenId : undefined);
    req.session.revealedFeed = { scope, gardenId, path };
    flash(req, 'success', existed ? 'calendar.panel.resetDone' : 'calendar.panel.created');
    res.redirect('/dashboard#calendar');
  });

  return router;
}

/** Reads (and forgets) the address made a moment ago, and lists the account's feeds for the dashboard. */
export function calendarPanel(baseUrl: string) {
  const links = (path: string) => ({ https: `${baseUrl}${path}`, webcal: `${baseUrl}${path}`.replace(/^https?:\/\//, 'webcal://') });
  return async (req: Request): Promise<CalendarPanel> => {
    const account = req.account!;
    const revealed = req.session.revealedFeed;
    delete req.session.revealedFeed;
    const gardens = await feedGardensOf(account.id);
    const tokens = await feedTokensOf(account.id, gardens.map((g) => g.id));
    const link = (scope: 'person' | 'garden', gardenId?: string): FeedLink => {
      const token = tokens.find((t) => t.scope === scope && t.gardenId === gardenId);
      const shown = revealed && revealed.scope === scope && revealed.gardenId === gardenId ? links(revealed.path) : {};
      return { exists: Boolean(token), createdAt: token?.createdAt, ...shown };
    };
    const person = account.roles.includes('participant') ? link('person') : undefined;
    return { show: Boolean(person) || gardens.length > 0, person, gardens: gardens.map((g) => ({ ...g, ...link('garden', g.id) })) };
  };
}
