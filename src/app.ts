import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { MongoClient } from 'mongodb';
import { pinoHttp } from 'pino-http';
import { accountsRoutes, adminRoutes, companyRoutes, createAccountsService, createCompanyService, createProfileService, profileRoutes } from './accounts/index.js';
import { attendanceRoutes, createAttendanceService } from './attendance/index.js';
import { calendarPanel, calendarRoutes, createCalendarService } from './calendar/index.js';
import { coursesRoutes, createCoursesService, type CourseCatalogue } from './courses/index.js';
import { homeRoutes } from './home/home.routes.js';
import { createImportsService, importsRoutes } from './imports/index.js';
import { createNotifications, describeTransport, mailRoutes, type Mailer } from './mail/index.js';
import { listMaterialsForModule, materialsRoutes } from './materials/index.js';
import { registerMessages } from './messages.js';
import { createErasureService, myDataRoutes, privacyRoutes } from './privacy/index.js';
import { reportsRoutes } from './reports/index.js';
import type { Config } from './shared/config.js';
import { DomainEvents } from './shared/events.js';
import { requestContext } from './shared/http/context.js';
import { errorHandler, notFound } from './shared/http/error-handler.js';
import { healthRoutes } from './shared/http/health.js';
import { csrfProtection, securityHeaders } from './shared/http/security.js';
import { dropNulCharacters } from './shared/http/text-input.js';
import { emptyFormWhenNotParsed } from './shared/http/form-body.js';
import { FailedLoginLimit } from './shared/http/login-limit.js';
import { databaseSessionStore, saveSessionBeforeRedirect, sessionMiddleware } from './shared/http/session.js';
import type { BackgroundWork } from './shared/background.js';
import type { Logger } from './shared/logger.js';
import { projectPath } from './shared/paths.js';
import { createViewEngine, VIEWS_DIR } from './shared/views/engine.js';
import { createStrategies, strategiesRoutes } from './strategies/index.js';
import { cohortsRoutes, createCohortsService, createEnrolmentService, gardensRoutes, listingRoutes } from './workshops/index.js';
import { cohortsOfGardens, enrolledCompaniesOf, gardenIdsCoordinatedBy } from './workshops/queries.js';

/** Everything the app needs from outside; tests build their own. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  mailer: Mailer;
  /** The connected database client, shared with the session store. */
  dbClient: MongoClient;
  dbName: string;
  /** Every course, loaded and rendered before the app is built. */
  courses: CourseCatalogue;
  /** Work that outlives its request (import runs); shutdown waits for it. */
  background?: BackgroundWork;
  /** Where domain events go; the calendar and mail components subscribe to it. */
  events?: DomainEvents;
  now?: () => Date;
}

/** Whether the coordinator coordinates a garden with a cohort the company is enrolled in: what lets them read its page. */
async function coordinatesCompany(accountId: string, companyId: string): Promise<boolean> {
  const gardenIds = await gardenIdsCoordinatedBy(accountId);
  const cohorts = gardenIds.length ? await cohortsOfGardens(gardenIds) : [];
  if (!cohorts.length) return false;
  return (await enrolledCompaniesOf(cohorts.map((c) => c.id))).some((e) => e.companyId === companyId);
}

/** Builds the Express app from its dependencies; it never listens. */
export function createApp(deps: AppDeps): Express {
  registerMessages();
  const { config } = deps;
  const now = deps.now ?? (() => new Date());
  const accounts = createAccountsService({ mailer: deps.mailer, baseUrl: config.BASE_URL, resetMinutes: config.RESET_TOKEN_MINUTES, now });
  const courses = createCoursesService({ catalogue: deps.courses });
  const events = deps.events ?? new DomainEvents();
  const enrolment = createEnrolmentService({ events, now });
  const cohorts = createCohortsService({ catalogue: deps.courses, events, enrolment, now });
  const calendarSettings = { baseUrl: config.BASE_URL, mailFrom: config.MAIL_FROM, catalogue: deps.courses };
  const notifications = createNotifications({ ...calendarSettings, mailer: deps.mailer, now, reminderHour: config.MAIL_REMINDER_HOUR });
  notifications.subscribe(events);
  const sessionStore = databaseSessionStore(deps.dbClient, deps.dbName);
  const csrf = csrfProtection({ secret: config.SESSION_SECRET, secure: config.COOKIE_SECURE });

  const app = express();
  const views = createViewEngine();
  app.engine('.hbs', views.engine);
  app.set('view engine', '.hbs');
  app.set('views', VIEWS_DIR);
  app.set('trust proxy', config.TRUST_PROXY ? 1 : false);
  app.disable('x-powered-by');
  if (config.isProduction) app.enable('view cache');
  // Every page's footer names where to write.
  app.locals.site = { contactEmail: config.CONTACT_EMAIL };

  app.use(securityHeaders());
  app.use(express.static(projectPath('public'), { maxAge: config.isProduction ? '7d' : 0 }));
  app.use(healthRoutes());
  app.use(pinoHttp({
    logger: deps.logger,
    serializers: { req: (req) => ({ method: req.method, url: req.url }), res: (res) => ({ statusCode: res.statusCode }) },
  }));
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }));
  app.use(emptyFormWhenNotParsed, dropNulCharacters);
  app.use(sessionMiddleware({ store: sessionStore, secret: config.SESSION_SECRET, secure: config.COOKIE_SECURE }));
  app.use(saveSessionBeforeRedirect);
  app.use(requestContext((id, signedInAt) => accounts.findSignedIn(id, signedInAt)));
  app.use(csrf.verify, csrf.provideTokenWhenSignedIn);

  app.use(privacyRoutes({ controller: config.CONTROLLER_NAME, contactEmail: config.CONTACT_EMAIL }));
  app.use(homeRoutes({ accounts, courses, calendarPanel: calendarPanel(config.BASE_URL), now }));
  app.use(accountsRoutes({ accounts, provideToken: csrf.provideToken, loginLimit: new FailedLoginLimit({ perAccount: config.LOGIN_RATE_LIMIT, perAddress: config.LOGIN_RATE_LIMIT * 5, windowMs: 15 * 60_000, now: () => now().getTime() }) }));
  app.use(companyRoutes({ accounts, company: createCompanyService({ coordinatesCompany }), provideToken: csrf.provideToken }));
  app.use(profileRoutes({ profile: createProfileService({ mailer: deps.mailer, baseUrl: config.BASE_URL, now, sessions: sessionStore }), provideToken: csrf.provideToken }));
  app.use(myDataRoutes({ erasure: createErasureService({ sessions: sessionStore, now }), provideToken: csrf.provideToken, now }));
  app.use(adminRoutes());
  app.use(coursesRoutes({ catalogue: deps.courses, courses, listMaterials: listMaterialsForModule }));
  app.use(materialsRoutes({
    uploadMaxMb: config.UPLOAD_MAX_MB,
    moduleExists: (course, module) => deps.courses.hasModule(course, module),
    canReadCourse: (account, course) => courses.mayReadModules(account, course),
  }));
  app.use(listingRoutes({ enrolment, now }));
  app.use(gardensRoutes({ events, now }));
  app.use(cohortsRoutes({ cohorts, enrolment, catalogue: deps.courses, now }));
  app.use(calendarRoutes({ calendar: createCalendarService({ ...calendarSettings, now, refreshMinutes: config.CALENDAR_REFRESH_MINUTES }) }));
  app.use(mailRoutes({ notifications, mailer: deps.mailer, now, transportName: describeTransport({ smtpUrl: config.SMTP_URL, mailDir: config.mailDir }) }));
  app.use(attendanceRoutes({ attendance: createAttendanceService({ now }), baseUrl: config.BASE_URL }));
  app.use(importsRoutes({
    imports: createImportsService({
      enrolment, now, mailer: deps.mailer, baseUrl: config.BASE_URL, background: deps.background,
      onError: (err, jobId) => deps.logger.error({ err, jobId }, 'import stopped'),
    }),
  }));

  const strategies = createStrategies({
    catalogue: deps.courses, mailer: deps.mailer, baseUrl: config.BASE_URL, now,
    onMailError: (err, template) => deps.logger.error({ err, template }, 'strategy email not queued'),
  });
  app.use(strategiesRoutes({ strategies, catalogue: deps.courses, baseUrl: config.BASE_URL, now }));
  app.use(reportsRoutes({ now }));

  app.use(notFound);
  app.use(errorHandler({ logger: deps.logger, showStack: !config.isProduction }));
  return app;
}
