// The app tells the worker when it is idle: no request in progress, and none for a while.
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { setUpBeban } from '../../src/app/beban';

describe('setUpBeban', () => {
  it('is busy while a request runs and for a while after the last one ends', async () => {
    let t = 0;
    const app = express();
    const beban = setUpBeban(app, () => t);
    let lepas: () => void = () => {};
    const ditahan = new Promise<void>((ok) => (lepas = ok));
    let masuk: () => void = () => {};
    const sudahMasuk = new Promise<void>((ok) => (masuk = ok));
    app.get('/lambat', async (_req, res) => {
      masuk();
      await ditahan;
      res.send('ok');
    });
    expect(beban.senggang(3000), 'before any request').toBe(true);

    const jalan = request(app)
      .get('/lambat')
      .then((r) => r.status);
    await sudahMasuk;
    t = 60_000;
    expect(beban.senggang(3000), 'a request in progress').toBe(false);
    lepas();
    expect(await jalan).toBe(200);
    await new Promise((ok) => setImmediate(ok));
    expect(beban.senggang(3000), 'just ended').toBe(false);
    t = 62_999;
    expect(beban.senggang(3000)).toBe(false);
    t = 63_000;
    expect(beban.senggang(3000), 'quiet for 3 s').toBe(true);
  });
});
