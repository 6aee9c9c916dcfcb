// The ceiling for `npm run bench`: a bare Express route on the same machine, Node and Express version.
import express from 'express';

const app = express();
app.get('/', (_req, res) => { res.send('ok'); });
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ceiling ready'));
