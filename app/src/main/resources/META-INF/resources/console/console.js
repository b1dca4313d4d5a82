// The PushLedger console (ADR 14): every figure comes from the /api/v1 endpoints, with the API token from
// session storage in an Authorization header. The token never goes into a URL: the change stream is read with
// fetch() (EventSource cannot send headers) and parsed here.
'use strict';

const TOKEN_KEY = 'pushledger.apiToken';
const CATEGORY_COLOURS = ['#1d5fbf', '#a8231b', '#d08a00', '#2e7d32', '#6a3d9a', '#00838f', '#5d4037', '#c2185b', '#546e7a'];
// The last hour and day end now; a week and 30 days are whole UTC days, today's included, so that the service
// counts them from its daily rollups alone (ADR 7, ADR 14), each day a bucket.
const WINDOWS = {
  hour: { buckets: 12, step: 5 * 60e3, label: (d) => time(d) },
  day: { buckets: 24, step: 3600e3, label: (d) => time(d) },
  week: { buckets: 7, step: 86400e3, wholeDays: true, label: (d) => day(d) },
  month: { buckets: 30, step: 86400e3, wholeDays: true, label: (d) => day(d) },
};

const state = {
  taxonomy: null, live: new Map(), liveCount: 0, liveGone: new Set(), liveCursor: null, liveLoading: false, liveRecount: null,
  stream: null, chart: null, statsShown: 0,
};

// ---- small helpers -------------------------------------------------------------------------------------------

/** An element with attributes and children; text is always set as text, never parsed as HTML. */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const $ = (selector) => document.querySelector(selector);
const pad = (n) => String(n).padStart(2, '0');
const time = (d) => pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
const day = (d) => d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
const shown = (iso) => (iso ? day(new Date(iso)) + ' ' + new Date(iso).toISOString().slice(11, 19) + ' UTC' : '—');
const dash = (value) => (value === null || value === undefined || value === '' ? '—' : value);

function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + (s % 60) + ' s';
}

function resolution(session) {
  return session.width && session.height ? session.width + '×' + session.height : '—';
}

function cause(interruption) {
  if (!interruption) return '—';
  return el('span', {},
    el('span', { class: 'tag' + (interruption.abnormal ? ' abnormal' : '') }, interruption.category),
    ' errcode ' + dash(interruption.errcode) + (interruption.errmsg ? ': ' + interruption.errmsg : ''));
}

function hashParams() {
  const [view, query] = location.hash.replace(/^#\/?/, '').split('?');
  return { view: view || 'live', params: new URLSearchParams(query || '') };
}

// ---- the API -------------------------------------------------------------------------------------------------

class Unauthorized extends Error {}

async function api(path, params) {
  const query = params ? '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null)) : '';
  const response = await fetch(path + query, {
    headers: { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY), Accept: 'application/json' },
  });
  if (response.status === 401) throw new Unauthorized();
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || body.title || 'HTTP ' + response.status);
  return body;
}

async function taxonomy() {
  if (!state.taxonomy) state.taxonomy = (await api('/api/v1/error-codes')).categories;
  return state.taxonomy;
}

/**
 * Follows /api/v1/changes, resuming after the last event id when the connection drops, and calls onEvent with
 * (name, data) for each event. Returns a function that stops it.
 */
function followChanges(onEvent, onStatus) {
  const controller = new AbortController();
  let lastEventId = null;
  let retry = 1000;
  const connect = async () => {
    while (!controller.signal.aborted) {
      try {
        const headers = { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY), Accept: 'text/event-stream' };
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch('/api/v1/changes', { headers, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401) throw new Unauthorized();
        if (!response.ok) throw new Error('HTTP ' + response.status);
        onStatus('Live updates: connected');
        retry = 1000;
        await readEvents(response.body, (event) => {
          if (event.id) lastEventId = event.id;
          onEvent(event.name, event.data ? JSON.parse(event.data) : null);
        });
      } catch (e) {
        if (controller.signal.aborted) return;
        if (e instanceof Unauthorized) { signOut(); return; }
      }
      onStatus('Live updates: reconnecting…');
      await new Promise((resolve) => setTimeout(resolve, retry));
      retry = Math.min(retry * 2, 15000);
    }
  };
  connect();
  return () => controller.abort();
}

/** Reads a text/event-stream body: events are separated by a blank line; lines are "field: value". */
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { id: null, name: 'message', data: '' };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
      if (line === '') {
        if (event.data) onEvent(event);
        event = { id: null, name: 'message', data: '' };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') event.id = text;
        else if (field === 'event') event.name = text;
        else if (field === 'data') event.data += (event.data ? '\n' : '') + text;
      }
    }
  }
}

// ---- sign-in -------------------------------------------------------------------------------------------------

async function signIn(token) {
  const response = await fetch('/api/v1/error-codes', { headers: { Authorization: 'Bearer ' + token } });
  if (response.status === 401) return false;
  if (!response.ok) throw new Error('HTTP ' + response.status);
  sessionStorage.setItem(TOKEN_KEY, token);
  state.taxonomy = (await response.json()).categories;
  return true;
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  state.taxonomy = null;
  stopLive();
  location.hash = '#/signin';
  route();
}

// ---- Live now ------------------------------------------------------------------------------------------------

let stopFollowing = null;

function stopLive() {
  if (stopFollowing) stopFollowing();
  stopFollowing = null;
}

async function showLive() {
  if (stopFollowing) return renderLive();
  const pending = [];
  let loaded = false;
  // Followed first, so that a change committed while the list loads is not lost; applied once it has.
  stopFollowing = followChanges((name, data) => {
    if (!loaded) pending.push([name, data]);
    else applyChange(name, data);
  }, (text) => { $('#live-status').textContent = text; });
  await reloadLive();
  loaded = true;
  pending.forEach(([name, data]) => applyChange(name, data));
  renderLive();
}

// The count and the newest page at once; the next pages as the operator scrolls to the end of the table.
const LIVE_PAGE = 200;

async function reloadLive() {
  state.live.clear();
  state.liveGone = new Set();
  state.liveCursor = null;
  const [count, page] = await Promise.all([api('/api/v1/stats/live'), api('/api/v1/sessions', { status: 'LIVE', limit: LIVE_PAGE })]);
  state.liveCount = count.live;
  addLivePage(page);
}

function addLivePage(page) {
  // A session that ended while its page was on the way is not live any more.
  page.items.filter((s) => !state.liveGone.has(s.sequence)).forEach((s) => state.live.set(s.sequence, s));
  state.liveCursor = page.nextCursor;
}

async function loadMoreLive() {
  if (!state.liveCursor || state.liveLoading) return;
  state.liveLoading = true;
  try {
    addLivePage(await api('/api/v1/sessions', { status: 'LIVE', limit: LIVE_PAGE, cursor: state.liveCursor }));
    renderLive();
  } finally {
    state.liveLoading = false;
  }
}

// The count moves with each change at once, and is read again a second after changes stop coming in bursts.
function recountLive() {
  if (state.liveRecount) return;
  state.liveRecount = setTimeout(() => {
    state.liveRecount = null;
    api('/api/v1/stats/live').then((count) => { state.liveCount = count.live; renderLive(); }).catch(() => {});
  }, 1000);
}

function applyChange(name, session) {
  if (name === 'reset') {
    reloadLive().then(renderLive);
    return;
  }
  if (!session) return;
  if (name === 'started') {
    if (!state.live.has(session.sequence)) state.liveCount += 1;
    state.live.set(session.sequence, session);
  } else if (name === 'ended' || name === 'stale') {
    const wasLive = state.live.delete(session.sequence);
    state.liveGone.add(session.sequence);
    if (wasLive) state.liveCount -= 1;
    if (wasLive || name === 'ended') addEnded(name, session);
  }
  recountLive();
  renderLive();
}

function addEnded(name, session) {
  const feed = $('#live-ended');
  feed.prepend(el('li', { 'data-sequence': session.sequence },
    el('a', { href: '#/stream?q=' + encodeURIComponent(session.streamId) + '&match=exact' }, session.streamId),
    ' ', name === 'stale' ? el('span', { class: 'tag' }, 'STALE (no end reported)') : cause(session.interruption),
    ' at ' + shown(session.endedAt || new Date().toISOString())));
  while (feed.children.length > 20) feed.lastChild.remove();
}

function renderLive() {
  const filter = $('#live-filter').value.trim().toLowerCase();
  const sessions = [...state.live.values()]
    .filter((s) => !filter || [s.streamId, s.domain, s.appName, s.clientIp, s.region]
      .some((value) => value && String(value).toLowerCase().includes(filter)))
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  const count = Math.max(state.liveCount, state.live.size);
  $('#live-count').textContent = count.toLocaleString('en-US');
  $('#live-shown').textContent = (filter ? sessions.length + ' matching among the ' : 'The ') + state.live.size
    + ' newest of ' + count.toLocaleString('en-US') + (state.liveCursor ? ' (scroll for more)' : '');
  $('#live-more').hidden = !state.liveCursor;
  $('#live-table tbody').replaceChildren(...sessions.map((s) => el('tr', { 'data-sequence': s.sequence },
    el('td', {}, el('a', { href: '#/stream?q=' + encodeURIComponent(s.streamId) + '&match=exact' }, s.streamId)),
    el('td', {}, dash(s.domain)), el('td', {}, dash(s.appName)), el('td', {}, shown(s.startedAt)),
    el('td', {}, dash(s.clientIp)), el('td', {}, dash(s.region)), el('td', {}, resolution(s)))));
}

// ---- Interruptions -------------------------------------------------------------------------------------------

async function showInterruptions(params) {
  const form = $('#stats-form');
  for (const name of ['window', 'domain', 'appName']) if (params.has(name)) form.elements[name].value = params.get(name);
  const chosen = WINDOWS[form.elements.window.value] || WINDOWS.day;
  const filters = { domain: form.elements.domain.value.trim(), appName: form.elements.appName.value.trim() };
  const categories = await taxonomy();
  const now = Date.now();
  const start = chosen.wholeDays
    ? Math.floor(now / 86400e3) * 86400e3 - (chosen.buckets - 1) * 86400e3
    : now - chosen.buckets * chosen.step;
  const seconds = (ms) => Math.floor(ms / 1000);
  // Every window ends now by having no end: nothing has ended after now, so today's rollup row is today up to
  // now, and the service can count the last day as whole days less a part of one (ADR 19).
  const whole = { ...filters, from: seconds(start) };
  const buckets = Array.from({ length: chosen.buckets }, (_, i) => start + i * chosen.step);
  const shown = ++state.statsShown;
  const current = () => shown === state.statsShown;
  const from = new Date(start).toISOString().slice(0, 19) + 'Z';
  // Each part is drawn as its answer comes; a part of an older choice is dropped.
  const part = (query, draw) => api('/api/v1/stats/interruptions', query).then((answer) => { if (current()) draw(answer); });
  const totals = Promise.all([
    api('/api/v1/stats/interruptions', { ...whole, groupBy: 'category' }),
    api('/api/v1/stats/interruptions', { ...whole, abnormal: true, groupBy: 'category', limit: 1 }),
  ]).then(([byCategory, abnormal]) => {
    if (!current()) return;
    const share = byCategory.total ? Math.round((1000 * abnormal.total) / byCategory.total) / 10 : 0;
    $('#stats-summary').textContent = byCategory.total + ' interruptions, ' + abnormal.total + ' abnormal ('
      + share + ' %)';
    const countOf = (key) => (byCategory.groups.find((g) => g.key === key) || { count: 0 }).count;
    $('#stats-by-category tbody').replaceChildren(...categories.map((c) => el('tr', {},
      el('td', {}, c.category), el('td', {}, c.abnormal ? 'yes' : 'no'), el('td', { class: 'num' }, countOf(c.category)))));
  });
  const series = Promise.all(buckets.map((bucket, i) => api('/api/v1/stats/interruptions', {
    ...filters, groupBy: 'category', from: seconds(bucket),
    ...(chosen.wholeDays && i === buckets.length - 1 ? {} : { to: seconds(Math.min(bucket + chosen.step, now)) + (chosen.wholeDays ? 0 : 1) }),
  }))).then((counts) => { if (current()) drawChart(categories, buckets.map((b) => chosen.label(new Date(b))), counts); });
  await Promise.all([
    totals,
    series,
    part({ ...whole, groupBy: 'streamId', limit: 10 },
      (streams) => renderTop('#top-streams', streams, (key) => '#/stream?q=' + encodeURIComponent(key) + '&match=exact')),
    part({ ...whole, groupBy: 'domain', limit: 10 },
      (domains) => renderTop('#top-domains', domains, (key) => '#/sessions?' + new URLSearchParams({ domain: key, from, ended: 'true' }))),
    part({ ...whole, groupBy: 'errcode', limit: 10 }, (errcodes) => renderTop('#top-errcodes', errcodes, (key) => '#/sessions?' + new URLSearchParams({
      errcode: key, category: categoryOf(categories, key), from, ...(filters.domain ? { domain: filters.domain } : {}),
    }), (key) => 'errcode ' + key + ' (' + categoryOf(categories, key) + ')')),
  ]);
}

function categoryOf(categories, errcode) {
  const code = errcode === 'null' || errcode === null ? null : Number(errcode);
  const listed = categories.find((c) => c.errcodes.includes(code));
  return (listed || categories.find((c) => c.unlistedCodes) || { category: 'UNKNOWN' }).category;
}

function renderTop(selector, counts, link, label) {
  const list = $(selector);
  if (!counts.groups.length) {
    list.replaceChildren(el('li', {}, 'none in this window'));
    return;
  }
  list.replaceChildren(...counts.groups.map((g) => el('li', {},
    el('a', { href: link(String(g.key)) }, label ? label(String(g.key)) : dash(g.key)), ': ' + g.count)));
}

function drawChart(categories, labels, series) {
  const datasets = categories.map((c, i) => ({
    label: c.category + (c.abnormal ? ' (abnormal)' : ''),
    data: series.map((counts) => (counts.groups.find((g) => g.key === c.category) || { count: 0 }).count),
    backgroundColor: CATEGORY_COLOURS[i % CATEGORY_COLOURS.length],
    borderColor: '#fff',
    borderWidth: 1,
  }));
  if (state.chart) state.chart.destroy();
  state.chart = new Chart($('#stats-chart'), {
    type: 'bar',
    data: { labels, datasets },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true, title: { display: true, text: 'UTC' } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

// ---- A stream's story and session lists ----------------------------------------------------------------------

async function showStream(params) {
  const form = $('#stream-form');
  $('#session-detail').hidden = true;
  if (!params.has('q')) {
    $('#timeline').replaceChildren();
    $('#stream-summary').textContent = 'Search a stream id: the whole id, its beginning (prefix) or a part of it (contains).';
    return;
  }
  form.elements.q.value = params.get('q');
  form.elements.match.value = params.get('match') || 'exact';
  const page = await api('/api/v1/sessions', { streamId: params.get('q'), match: form.elements.match.value, limit: 100 });
  const streams = new Set(page.items.map((s) => s.streamId));
  $('#stream-summary').textContent = page.items.length + (page.nextCursor ? '+' : '') + ' sessions on '
    + streams.size + ' stream' + (streams.size === 1 ? '' : 's') + ', newest first';
  renderTimeline(page.items);
}

function renderTimeline(sessions) {
  const now = Date.now();
  const starts = sessions.map((s) => Date.parse(s.startedAt));
  const ends = sessions.map((s) => (s.endedAt ? Date.parse(s.endedAt) : now));
  const first = Math.min(...starts);
  const span = Math.max(...ends) - first || 1;
  $('#timeline').replaceChildren(...sessions.map((s, i) => el('li', {
    class: s.interruption && s.interruption.abnormal ? 'abnormal' : null, 'data-sequence': s.sequence },
  el('div', {}, el('strong', {}, s.streamId), ' ', el('span', { class: 'tag' }, s.status),
    ' ', el('button', { type: 'button', class: 'link', 'data-open': s.sequence }, 'events')),
  el('div', { class: 'span', 'aria-hidden': 'true' }, el('i', {
    style: 'left:' + ((100 * (starts[i] - first)) / span) + '%;width:' + ((100 * (ends[i] - starts[i])) / span) + '%' })),
  el('div', { class: 'when' }, 'start ' + shown(s.startedAt) + (s.startInferred ? ' (inferred)' : ''),
    ' · end ' + (s.endedAt ? shown(s.endedAt) : s.status === 'LIVE' ? 'live now' : 'never reported'),
    ' · duration ' + duration(s.durationMs)),
  el('div', {}, 'cause: ', cause(s.interruption)))));
}

async function showSession(sequence) {
  const s = await api('/api/v1/sessions/' + encodeURIComponent(sequence));
  $('#detail-sequence').textContent = s.sequence;
  const facts = [['Stream', s.streamId], ['Domain', s.domain], ['App', s.appName], ['Status', s.status],
    ['Client IP', s.clientIp], ['Node', s.node], ['Region', s.region], ['Resolution', resolution(s)]];
  $('#detail-facts').replaceChildren(...facts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, dash(value))]));
  const names = { 0: 'interruption (0)', 1: 'start (1)' };
  $('#detail-events tbody').replaceChildren(...s.events.map((e) => el('tr', {},
    el('td', {}, names[e.eventType] || String(e.eventType)), el('td', {}, shown(e.eventTime)), el('td', {}, shown(e.receivedAt)),
    el('td', {}, shown(e.lastReceivedAt)), el('td', { class: 'num' }, e.deliveries))));
  $('#session-detail').hidden = false;
  $('#session-detail').scrollIntoView({ block: 'nearest' });
}

async function showSessions(params) {
  const filters = {};
  for (const name of ['streamId', 'match', 'domain', 'appName', 'category', 'abnormal', 'clientIp', 'from', 'to']) {
    if (params.has(name)) filters[name] = params.get(name);
  }
  // The API filters by category; an error code is one value within it, picked out here.
  const errcode = params.get('errcode');
  const page = await api('/api/v1/sessions', { ...filters, limit: 200 });
  const sessions = page.items.filter((s) => errcode === null || (s.interruption
    && String(s.interruption.errcode) === errcode) || (errcode === 'null' && s.interruption && s.interruption.errcode === null))
    .filter((s) => params.get('ended') !== 'true' || s.endedAt);
  $('#sessions-summary').textContent = sessions.length + (page.nextCursor ? '+' : '') + ' sessions, '
    + Object.entries(filters).concat(errcode ? [['errcode', errcode]] : []).map(([k, v]) => k + ' ' + v).join(', ');
  $('#sessions-table tbody').replaceChildren(...sessions.map((s) => el('tr', {},
    el('td', {}, el('a', { href: '#/stream?q=' + encodeURIComponent(s.streamId) + '&match=exact' }, s.streamId)),
    el('td', {}, dash(s.domain)), el('td', {}, shown(s.startedAt)), el('td', {}, shown(s.endedAt)),
    el('td', {}, duration(s.durationMs)), el('td', {}, cause(s.interruption)))));
}

// ---- Error codes ---------------------------------------------------------------------------------------------

async function showCodes() {
  const categories = await taxonomy();
  $('#codes-table tbody').replaceChildren(...categories.map((c) => el('tr', {},
    el('td', {}, c.category), el('td', {}, c.abnormal ? el('span', { class: 'tag abnormal' }, 'abnormal') : 'no'),
    el('td', {}, c.errcodes.join(', ') + (c.unlistedCodes ? (c.errcodes.length ? ', ' : '') + 'any other' : '')),
    el('td', { style: 'white-space:normal' }, c.description))));
}

// ---- routing -------------------------------------------------------------------------------------------------

const VIEWS = { live: showLive, interruptions: showInterruptions, stream: showStream, sessions: showSessions, codes: showCodes };

async function route() {
  let { view, params } = hashParams();
  const signedIn = Boolean(sessionStorage.getItem(TOKEN_KEY));
  if (!signedIn) view = 'signin';
  else if (!VIEWS[view]) view = 'live';
  document.querySelectorAll('.view').forEach((section) => { section.hidden = section.id !== 'view-' + view; });
  $('#nav').hidden = !signedIn;
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  if (view !== 'live') stopLive();
  if (view === 'signin') {
    $('#token').focus();
    return;
  }
  try {
    await VIEWS[view](params);
  } catch (e) {
    if (e instanceof Unauthorized) signOut();
    else console.error(e);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('#signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('#signin-error');
    error.hidden = true;
    try {
      if (await signIn($('#token').value.trim())) {
        $('#token').value = '';
        location.hash = '#/live';
        route();
      } else {
        error.textContent = 'This token was refused (401). Check PUSHLEDGER_API_TOKENS.';
        error.hidden = false;
      }
    } catch (e) {
      error.textContent = 'The service did not answer: ' + e.message;
      error.hidden = false;
    }
  });
  $('#sign-out').addEventListener('click', signOut);
  $('#live-filter').addEventListener('input', renderLive);
  $('#live-more').addEventListener('click', () => loadMoreLive().catch((e) => (e instanceof Unauthorized ? signOut() : console.error(e))));
  // The next page when the end of the table scrolls into view (the button does the same by hand).
  new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting) && !$('#view-live').hidden) $('#live-more').click();
  }, { rootMargin: '200px' }).observe($('#live-more'));
  $('#stats-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target.elements;
    location.hash = '#/interruptions?' + new URLSearchParams({ window: form.window.value, domain: form.domain.value.trim(), appName: form.appName.value.trim() });
  });
  $('#stream-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target.elements;
    location.hash = '#/stream?' + new URLSearchParams({ q: form.q.value.trim(), match: form.match.value });
  });
  $('#timeline').addEventListener('click', (event) => {
    const sequence = event.target.dataset && event.target.dataset.open;
    if (sequence) showSession(sequence).catch((e) => (e instanceof Unauthorized ? signOut() : console.error(e)));
  });
  window.addEventListener('hashchange', route);
  route();
});
