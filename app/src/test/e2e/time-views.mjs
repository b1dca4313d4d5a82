// Times each console view as the browser loads it: headless Chromium signs in, opens each view ROUNDS times and
// measures from the navigation to the last answer of the requests it made to /api/v1 (the change stream aside),
// i.e. until the view is drawn. A benchmark, not a test (docs/performance.md, "The console"):
//   BASE_URL=http://127.0.0.1:18300 API_TOKEN=… PREFIX=room_123 ROUNDS=5 node time-views.mjs
// Prints one line per view: median and max of the view's time, and its slowest request.
import { chromium } from 'playwright-core';

const BASE_URL = process.env.BASE_URL;
const API_TOKEN = process.env.API_TOKEN;
const ROUNDS = Number(process.env.ROUNDS || 5);
const PREFIX = process.env.PREFIX || 'room_123';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const VIEWS = [
  ['live now', '#/live'],
  ['interruptions, hour', '#/interruptions?window=hour'],
  ['interruptions, day', '#/interruptions?window=day'],
  ['interruptions, week', '#/interruptions?window=week'],
  ['interruptions, 30 days', '#/interruptions?window=month'],
  ['stream prefix ' + PREFIX, '#/stream?match=prefix&q=' + encodeURIComponent(PREFIX)],
  ['error codes', '#/codes'],
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  const inFlight = new Map();
  let finished = [];
  const tracked = (request) => request.url().includes('/api/v1/') && !request.url().includes('/api/v1/changes');
  page.on('request', (request) => { if (tracked(request)) inFlight.set(request, Date.now()); });
  const done = (request) => {
    if (!inFlight.has(request)) return;
    finished.push({ url: request.url(), ms: Date.now() - inFlight.get(request), at: Date.now(), status: null });
    inFlight.delete(request);
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (response) => {
    if (tracked(response.request()) && response.status() !== 200) console.log('  ' + response.status() + ' ' + response.url());
  });

  await page.goto(BASE_URL + '/');
  await page.locator('#view-signin').waitFor();
  await page.fill('#token', API_TOKEN);
  await page.click('#signin-form button[type=submit]');
  await page.locator('#view-live').waitFor();
  await page.waitForTimeout(2000);

  for (const [name, hash] of VIEWS) {
    const times = [];
    const firsts = [];
    let slowest = { ms: 0, url: '' };
    let requests = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      // From another view, once it has loaded: the view's own requests are then all that is in flight.
      await page.evaluate((h) => { location.hash = h; }, hash === '#/codes' ? '#/stream' : '#/codes');
      await page.waitForTimeout(300);
      while (inFlight.size > 0) await page.waitForTimeout(20);
      finished = [];
      const start = Date.now();
      await page.evaluate((h) => { location.hash = h; }, hash);
      // Until the view has asked and every answer is in (nothing in flight for 300 ms); a view that asks nothing
      // (the error codes, kept since the sign-in) is drawn at once.
      let quietSince = null;
      while (Date.now() - start < 60_000) {
        await page.waitForTimeout(20);
        if (inFlight.size === 0 && (finished.length > 0 || Date.now() - start > 1000)) {
          quietSince = quietSince || Date.now();
          if (Date.now() - quietSince >= 300) break;
        } else {
          quietSince = null;
        }
      }
      if (round === 0) continue; // untimed: the first load warms the caches and the JIT
      if (finished.length === 0) { times.push(0); firsts.push(0); continue; }
      const last = Math.max(...finished.map((f) => f.at));
      times.push(last - start);
      firsts.push(Math.min(...finished.map((f) => f.at)) - start);
      requests = finished.length;
      for (const f of finished) if (f.ms > slowest.ms) slowest = f;
    }
    times.sort((a, b) => a - b);
    firsts.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const firstMedian = firsts[Math.floor(firsts.length / 2)];
    const path = slowest.url.replace(BASE_URL, '');
    console.log(`${name.padEnd(28)} median ${String(median).padStart(5)} ms  max ${String(times.at(-1)).padStart(5)} ms  `
      + `first answer ${firstMedian} ms; ${requests} requests; slowest ${slowest.ms} ms ${path}`);
  }
} finally {
  await browser.close();
}
