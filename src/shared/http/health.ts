import { Router } from 'express';
import { databaseIsUp } from '../db/connection.js';

/** GET /healthz: 200 when the database answers a ping, 503 when it does not. */
export function healthRoutes(): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const up = await databaseIsUp();
    res.status(up ? 200 : 503).json({ db: up ? 'up' : 'down' });
  });
  return router;
}
