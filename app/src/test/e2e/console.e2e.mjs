// End-to-end tests of the console in headless Chromium (Debian's chromium, driven by playwright-core).
// Run by ConsoleE2EIT against the packaged service; on its own:
//   BASE_URL=http://127.0.0.1:8080 API_TOKEN=… CALLBACK_KEY=… SCREENSHOTS=docs node console.e2e.mjs
// Prints one line per test and a closing "N passed, N failed"; exits non-zero when one failed.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE_URL = required('BASE_URL');
const API_TOKEN = required('API_TOKEN');
const CALLBACK_KEY = required('CALLBACK_KEY');
const SCREENSHOTS = process.env.SCREENSHOTS || 'screenshots';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WAIT = 10_000;

function required(name) {
  if (!process.env[name]) throw new Error(name + ' is not set');
  return process.env[name];
}

// ---- callbacks as Tencent sends them, signed with MD5(key + t) -----------------------------------------------

const run = randomBytes(4).toString('hex');
const streamPrefix = 'e2e-' + run + '-';
let pushes = 0;

function sequence() {
  return BigInt('0x' + randomBytes(7).toString('hex')).toString();
}

function callback(fields) {
  const t = Math.floor(Date.now() / 1000) + 600;
  return {
    app: 'e2e.example.com', appid: 12345678, appname: 'live', errcode: 0, errmsg: 'ok', height: 720, width: 1280,
    idc_id: 34, node: '42.81.194.37', set_id: 2, stream_param: 'e2e=1', user_ip: '203.0.113.7',
    event_time: Math.floor(Date.now() / 1000), t, sign: createHash('md5').update(CALLBACK_KEY + t).digest('hex'),
    ...fields,
  };
}

async function post(body) {
  const response = await fetch(BASE_URL + '/callbacks/css', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error('callback answered ' + response.status + ': ' + (await response.text()));
}

async function startPush() {
  const push = { sequence: sequence(), stream: streamPrefix + pushes++ };
  await post(callback({ event_type: 1, sequence: push.sequence, stream_id: push.stream, channel_id: push.stream }));
  return push;
}

async function interrupt(push, errcode) {
  await post(callback({
    event_type: 0, sequence: push.sequence, stream_id: push.stream, channel_id: push.stream, errcode,
    errmsg: 'e2e interruption ' + errcode, push_duration: '5000',
  }));
}

async function taxonomy() {
  const response = await fetch(BASE_URL + '/api/v1/error-codes', { headers: { Authorization: 'Bearer ' + API_TOKEN } });
  return (await response.json()).categories;
}

// ---- the tests -----------------------------------------------------------------------------------------------

const results = [];

async function test(name, body) {
  try {
    await body();
    results.push(true);
    console.log('ok   ' + name);
  } catch (e) {
    results.push(false);
    console.log('FAIL ' + name + '\n     ' + String(e && e.stack ? e.stack : e).split('\n').join('\n     '));
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  const categories = await taxonomy();
  const categoryOf = (errcode) => categories.find((c) => c.errcodes.includes(errcode)).category;

  await test('a wrong token is refused and nothing is kept', async () => {
    await page.goto(BASE_URL + '/');
    await page.locator('#view-signin').waitFor();
    await screenshot(page, 'console-sign-in.png');
    await page.fill('#token', 'not-the-token');
    await page.click('#signin-form button[type=submit]');
    await page.locator('#signin-error').waitFor();
    assert((await page.textContent('#signin-error')).includes('refused'), 'the refusal is said');
    assert(await page.isVisible('#view-signin'), 'still on the sign-in page');
    assert((await page.evaluate(() => sessionStorage.length)) === 0, 'no token kept');
  });

  await test('sign in with the API token', async () => {
    await page.fill('#token', API_TOKEN);
    await page.click('#signin-form button[type=submit]');
    await page.locator('#view-live').waitFor();
    await page.waitForFunction(() => document.querySelector('#live-status').textContent.includes('connected'));
    assert(await page.isVisible('#nav'), 'the navigation is shown');
  });

  await test('a push started by a signed callback appears in Live now without a reload, and leaves with its category when interrupted', async () => {
    let navigations = 0;
    page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations++; });
    const push = await startPush();
    const row = page.locator('#live-table tr[data-sequence="' + push.sequence + '"]');
    await row.waitFor();
    assert((await row.textContent()).includes(push.stream), 'the row names the stream');
    assert((await row.textContent()).includes('1280×720'), 'the row shows the resolution');
    await screenshot(page, 'console-live-now.png');
    await interrupt(push, 14);
    await row.waitFor({ state: 'detached' });
    const ended = page.locator('#live-ended li[data-sequence="' + push.sequence + '"]');
    await ended.waitFor();
    assert((await ended.textContent()).includes(categoryOf(14)), 'the category ' + categoryOf(14) + ' is shown');
    assert(navigations === 0, 'the page was not reloaded (' + navigations + ' navigations)');
  });

  const sent = { 1: 2, 8: 1, 14: 1 };
  await test('the interruption chart shows the categories of the callbacks sent', async () => {
    for (const [errcode, count] of Object.entries(sent)) {
      for (let i = 0; i < count; i++) await interrupt(await startPush(), Number(errcode));
    }
    await page.goto(BASE_URL + '/#/interruptions?window=hour&domain=e2e.example.com');
    await page.waitForFunction(() => window.Chart && Chart.getChart('stats-chart'));
    const totals = await page.evaluate(() => Object.fromEntries(Chart.getChart('stats-chart').data.datasets
      .map((dataset) => [dataset.label.split(' ')[0], dataset.data.reduce((a, b) => a + b, 0)])));
    const expected = {};
    for (const [errcode, count] of Object.entries(sent)) {
      const category = categoryOf(Number(errcode));
      expected[category] = (expected[category] || 0) + count;
    }
    expected[categoryOf(14)] += 1; // the push of the previous test
    for (const [category, count] of Object.entries(expected)) {
      assert(totals[category] >= count, category + ': ' + totals[category] + ' in the chart, ' + count + ' sent');
    }
    // Each part is drawn as its answer comes, the chart's buckets last or not.
    await page.waitForFunction(() => document.querySelector('#stats-summary').textContent.includes('abnormal'), null, { timeout: WAIT });
    await page.locator('#top-streams a', { hasText: streamPrefix }).first().waitFor({ timeout: WAIT });
    await screenshot(page, 'console-interruptions.png');
  });

  await test('a stream found by prefix shows its timeline and a session its events', async () => {
    await page.goto(BASE_URL + '/#/stream');
    await page.fill('#stream-form input[name=q]', streamPrefix);
    await page.selectOption('#stream-form select[name=match]', 'prefix');
    await page.click('#stream-form button[type=submit]');
    await page.waitForFunction((n) => document.querySelectorAll('#timeline li').length === n, pushes);
    const first = page.locator('#timeline li').first();
    assert((await first.textContent()).includes('duration'), 'each session says its duration');
    assert((await first.textContent()).includes('cause'), 'each session says its cause');
    await first.locator('button[data-open]').click();
    await page.locator('#session-detail').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#detail-events tbody tr').length === 2);
    await screenshot(page, 'console-stream.png');
  });

  await test('the error codes are the taxonomy', async () => {
    await page.goto(BASE_URL + '/#/codes');
    await page.waitForFunction((n) => document.querySelectorAll('#codes-table tbody tr').length === n, categories.length);
    await screenshot(page, 'console-error-codes.png');
  });

  await test('usable on a phone: Live now fits 390 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(BASE_URL + '/#/live');
    await page.locator('#live-table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, 'the page is ' + overflow + ' px wider than the phone');
    await screenshot(page, 'console-live-now-phone.png');
  });

  await test('the token is never in a URL', async () => {
    const leaked = requested.filter((url) => url.includes(API_TOKEN));
    assert(leaked.length === 0, 'requested with the token: ' + leaked.join(', '));
  });
} finally {
  await browser.close();
}

const passed = results.filter(Boolean).length;
console.log(passed + ' passed, ' + (results.length - passed) + ' failed');
process.exit(passed === results.length ? 0 : 1);
