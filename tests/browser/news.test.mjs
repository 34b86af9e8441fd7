// News and editorial in Debian's chromium: every Atom feed parses as XML (the
// browser's own DOMParser) into a valid Atom 1.0 feed (id, title, updated, author,
// self and alternate links; each entry with id, title, updated, author, alternate
// link and content escaped so its HTML is text, not markup), each entry's link
// opens a page; the article, /news and a list page lay out without sideways
// scrolling on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, overflow } from './site.mjs';

const ATOM = 'http://www.w3.org/2005/Atom';
const FEEDS = ['/news.atom', '/tv/star-trek-picard/news.atom', '/tv/star-trek-picard/reviews.atom'];

test('Atom feeds are valid Atom 1.0 and their links open pages', async () => {
  const site = await startSite();
  try {
    const page = await site.browser.newPage();
    await page.goto(site.base + '/news');
    for (const path of FEEDS) {
      const res = await fetch(site.base + path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type'), /^application\/atom\+xml/);
      const xml = await res.text();
      const feed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        if (doc.getElementsByTagName('parsererror').length) return { error: doc.documentElement.textContent };
        const root = doc.documentElement;
        const child = (el, name) => [...el.children].filter((c) => c.localName === name);
        const text1 = (el, name) => (child(el, name)[0] || {}).textContent || '';
        const links = (el) => Object.fromEntries(child(el, 'link').map((l) => [l.getAttribute('rel'), l.getAttribute('href')]));
        return {
          ns: root.namespaceURI, name: root.localName, id: text1(root, 'id'), title: text1(root, 'title'),
          updated: text1(root, 'updated'), author: child(root, 'author').length, links: links(root),
          entries: child(root, 'entry').map((e) => ({
            id: text1(e, 'id'), title: text1(e, 'title'), updated: text1(e, 'updated'),
            author: child(e, 'author').map((a) => text1(a, 'name'))[0] || '', links: links(e),
            contentType: (child(e, 'content')[0] || { getAttribute: () => '' }).getAttribute('type'),
            content: text1(e, 'content'), contentElements: (child(e, 'content')[0] || { children: [] }).children.length,
          })),
        };
      }, xml);
      assert.equal(feed.error, undefined, path + ': ' + feed.error);
      assert.equal(feed.ns, ATOM);
      assert.equal(feed.name, 'feed');
      assert.match(feed.id, /^tag:/);
      assert.ok(feed.title.length > 0);
      const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
      assert.match(feed.updated, rfc3339);
      assert.ok(feed.author >= 1);
      assert.equal(feed.links.self, site.base + path);
      assert.ok(feed.links.alternate.startsWith(site.base));
      assert.ok(feed.entries.length >= 1, path + ' has entries');
      const ids = new Set();
      for (const e of feed.entries) {
        assert.match(e.id, /^tag:/);
        assert.ok(!ids.has(e.id), 'ids are unique');
        ids.add(e.id);
        assert.ok(e.title.length > 0);
        assert.match(e.updated, rfc3339);
        assert.ok(e.author.length > 0);
        assert.ok(e.links.alternate.startsWith(site.base));
        if (e.contentType) {
          assert.equal(e.contentType, 'html');
          assert.equal(e.contentElements, 0, 'HTML content is escaped text');
          assert.match(e.content, /<p>/);
        }
        const target = await fetch(e.links.alternate.split('#')[0]);
        assert.equal(target.status, 200, e.links.alternate);
      }
    }
  } finally {
    await site.stop();
  }
});

test('news pages fit a phone', async () => {
  const site = await startSite();
  try {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    for (const path of ['/news', '/news/when-will-star-trek-picard-season-2-be-released',
                        '/lists/best-space-sci-fi-series-and-films', '/tv/star-trek-picard/s02']) {
      const res = await page.goto(site.base + path);
      assert.equal(res.status(), 200, path);
      assert.equal(await overflow(page), 0, path + ' scrolls sideways');
    }
    const rating = await page.goto(site.base + '/news/when-will-star-trek-picard-season-2-be-released');
    assert.equal(rating.status(), 200);
    assert.match(await page.textContent('#rating'), /No ratings yet/);
    assert.equal(await page.locator('script:not([src="/static/search.js"])').count(), 0);
  } finally {
    await site.stop();
  }
});
