import { Router } from 'express';
import { databaseIsUp, serverKind } from '../db/connection.js';
import { embeddedDatabaseStatus } from '../db/embedded-status.js';

/**
 * GET /healthz: 200 when the database answers a ping, 503 when it does not, and which backend answers:
 * the embedded FerretDB's handler ('sqlite', 'postgresql'), or for MONGODB_URI what the server says it is
 * ('ferretdb', 'mongodb'). With an embedded FerretDB it also says what its supervisor sees,
 * e.g. {db:'down', backend:'postgresql', ferretdb:'restarting', restarts:1}.
 */
export function healthRoutes(): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const embedded = embeddedDatabaseStatus();
    // The supervisor hears of an exit at once; the ping only tells once the driver has noticed.
    const up = (!embedded || embedded.state === 'up') && (await databaseIsUp());
    const backend = embedded?.handler ?? serverKind();
    res.status(up ? 200 : 503).json({
      db: up ? 'up' : 'down', ...(backend && { backend }), ...(embedded && { ferretdb: embedded.state, restarts: embedded.restarts }),
    });
  });
  return router;
}
