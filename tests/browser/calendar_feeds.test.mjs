// The iCalendar feeds of a real server, parsed by ical.js (RFC 5545) and checked
// line by line (CRLF, 75-octet folding), their events checked against the catalog
// (the JSON API) and the calendar page checked in two time zones against the
// zones' own arithmetic (Intl). The personal feed comes from a reader who follows
// the series in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { startSite, overflow } from './site.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site?.stop(); });

// Parses a feed with ical.js after checking its lines; returns its VEVENTs.
function parseFeed(text, name) {
  assert.ok(text.endsWith('\r\n'), name + ': ends with CRLF');
  for (const line of text.split('\r\n').slice(0, -1)) {
    assert.ok(!line.includes('\n'), name + ': a bare LF');
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, name + ': a line over 75 octets: ' + line);
  }
  const cal = new ICAL.Component(ICAL.parse(text));
  assert.equal(cal.name, 'vcalendar');
  assert.equal(cal.getFirstPropertyValue('version'), '2.0');
  assert.ok(cal.getFirstPropertyValue('x-wr-calname'), name + ': X-WR-CALNAME');
  const events = cal.getAllSubcomponents('vevent');
  for (const e of events) {
    for (const p of ['uid', 'dtstamp', 'dtstart', 'dtend', 'summary']) assert.ok(e.hasProperty(p), `${name}: ${p}`);
  }
  return events;
}

async function get(path) {
  const res = await fetch(site.base + path);
  assert.equal(res.status, 200, path);
  return res.text();
}

// "2026-W49" of a UTC date.
function isoWeek(d) {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - day + 3);
  const first = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((t - first) / 86400000 - 3 + ((first.getUTCDay() + 6) % 7)) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

// The local day and time of an instant in a zone, as Intl computes them.
function local(instant, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

test('the series feed lists every dated episode of the catalog', async () => {
  const events = parseFeed(await get('/tv/star-trek-picard/calendar.ics'), 'series feed');
  const expected = new Map();
  for (const n of [1, 2, 3]) {
    const season = await (await fetch(`${site.base}/api/v1/tv/star-trek-picard/s0${n}`)).json();
    for (const e of season.episodes) {
      if (!e.release_date) continue;
      const code = `S0${n}E${String(e.number).padStart(2, '0')}`;
      expected.set(`Star Trek: Picard - ${code} - ${e.name}`, e.release_date);
    }
  }
  assert.equal(events.length, expected.size);
  const uids = new Set();
  for (const e of events) {
    const summary = e.getFirstPropertyValue('summary');
    assert.ok(expected.has(summary), 'not in the catalog: ' + summary);
    const start = e.getFirstPropertyValue('dtstart');
    assert.equal(start.isDate, true, 'all-day: ' + summary);
    assert.equal(start.toString(), expected.get(summary));
    assert.equal(e.getFirstPropertyValue('dtend').toJSDate() - start.toJSDate(), 86400000);
    uids.add(e.getFirstPropertyValue('uid'));
  }
  assert.equal(uids.size, events.length);
});

test('a timed episode is one instant in every zone, on the calendar and in the feeds', async () => {
  site.reel(['users', 'add', 'feed_editor', '--role', 'editor', '--email', 'fe@example.org', '--password-stdin'],
            'feed editor passphrase\n');
  const session = await (await fetch(site.base + '/api/v1/session', {
    method: 'POST', body: JSON.stringify({ username: 'feed_editor', password: 'feed editor passphrase' }),
  })).json();
  // Ten days from now, 21:30 in New York.
  const when = new Date(Date.now() + 10 * 86400000);
  const ny = local(when, 'America/New_York').day;
  const put = await fetch(site.base + '/api/v1/tv/star-trek-picard/s03/e10/release-date', {
    method: 'PUT', headers: { Authorization: 'Bearer ' + session.token },
    body: JSON.stringify({ date: ny, precision: 'time', time: '21:30', time_zone: 'America/New_York', status: 'confirmed' }),
  });
  assert.equal(put.status, 200);
  const instant = new Date((await put.json()).release_date.at);
  assert.deepEqual(local(instant, 'America/New_York'), { day: ny, time: '21:30' });

  const events = parseFeed(await get('/calendar.ics'), 'calendar feed');
  const ep = events.find((e) => e.getFirstPropertyValue('summary').startsWith('Star Trek: Picard - S03E10 - '));
  assert.ok(ep, 'the episode is in the default feed (next 28 days)');
  const start = ep.getFirstPropertyValue('dtstart');
  assert.equal(start.isDate, false);
  assert.equal(start.zone.tzid, 'UTC');
  assert.equal(start.toJSDate().getTime(), instant.getTime());
  assert.ok(ep.getFirstPropertyValue('dtend').toJSDate() > start.toJSDate());
  const allDay = parseFeed(await get('/calendar.ics?asAllDay=true'), 'all-day feed')
    .find((e) => e.getFirstPropertyValue('uid') === ep.getFirstPropertyValue('uid'));
  assert.equal(allDay.getFirstPropertyValue('dtstart').isDate, true);
  assert.equal(allDay.getFirstPropertyValue('dtstart').toString(), ny);
  assert.equal(parseFeed(await get('/calendar.ics?type=film'), 'film feed').length, 0);
  assert.equal(parseFeed(await get('/calendar.ics?pastDays=0&futureDays=0'), 'empty feed').length, 0);

  // The calendar page puts it on each zone's own day, at each zone's own time.
  for (const zone of ['America/New_York', 'Asia/Tokyo']) {
    const { day, time } = local(instant, zone);
    const html = await get(`/calendar?week=${isoWeek(new Date(day + 'T12:00:00Z'))}&tz=${zone}`);
    const section = html.slice(html.indexOf(`id="day-${day}"`));
    const entry = section.slice(0, section.indexOf('</section>'));
    assert.match(entry, new RegExp(`<span class="time">${time} [A-Z+0-9-]+</span> <a href="/tv/star-trek-picard/s03/e10">`),
                 zone);
  }
});

test('a reader follows the series and subscribes to the personal feed', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.base + '/account/signup?next=/tv/star-trek-picard');
  await page.fill('#username', 'feed_reader');
  await page.fill('#email', 'feed_reader@example.org');
  await page.fill('#password', 'a long passphrase');
  await Promise.all([page.waitForURL(site.base + '/tv/star-trek-picard'), page.click('button[type=submit]')]);
  await Promise.all([page.waitForLoadState(), page.click('.follow button[type=submit]')]);
  assert.equal(await page.locator('.follow button[type=submit]').innerText(), 'Unfollow');
  await page.goto(site.base + '/account');
  await Promise.all([page.waitForLoadState(), page.click('#calendar form[action="/account/calendar"] button')]);
  const url = await page.locator('input.feed-url').inputValue();
  assert.match(url, /\/calendar\/feed\/[0-9a-f]{64}\.ics$/);
  const feed = parseFeed(await get(new URL(url).pathname), 'personal feed');
  assert.ok(feed.some((e) => e.getFirstPropertyValue('summary').startsWith('Star Trek: Picard - S03E10')));
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(site.base + '/calendar?week=2022-W09&tz=Europe/Paris');
    assert.equal(await overflow(page), 0, 'calendar at ' + width);
  }
  await page.close();
});
