// Deleting asks first, in a real browser (Debian's chromium) with JavaScript turned
// off: "Delete my rating" and a comment's "Delete" show a confirmation page; Cancel
// goes back with nothing changed, Delete removes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, overflow, audienceCount } from './site.mjs';

const season = '/tv/star-trek-picard/s01';
let site;
before(async () => { site = await startSite(); });
after(async () => { await site?.stop(); });

test('deleting a rating and a comment asks first, without JavaScript', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.base + '/account/signup?next=' + season);
  await page.fill('#username', 'confirm_reader');
  await page.fill('#email', 'confirm_reader@example.org');
  await page.fill('#password', 'a long passphrase');
  await Promise.all([page.waitForURL(site.base + season), page.click('button[type=submit]')]);

  const before = await audienceCount(site, season);
  await page.click('label[for="stars-8"]');  // 4 stars.
  await Promise.all([page.waitForURL(/#rate$/), page.click('#rate button[type=submit]')]);
  assert.equal(await audienceCount(site, season), before + 1);

  // Delete, then Cancel: nothing changed.
  await Promise.all([page.waitForURL(site.base + season + '/rating'), page.click('#rate .link-button')]);
  assert.match(await page.locator('h1').innerText(), /^Delete your rating of Star Trek: Picard, Season 1\?$/);
  assert.equal(await audienceCount(site, season), before + 1);
  await Promise.all([page.waitForURL(/#rate$/), page.click('.confirm-form a')]);
  assert.match(await page.locator('.your-rating').innerText(), /4 \/ 5/);

  // Delete, then Delete: gone.
  await Promise.all([page.waitForURL(site.base + season + '/rating'), page.click('#rate .link-button')]);
  await Promise.all([page.waitForURL(/#rate$/), page.click('.confirm-form button[type=submit]')]);
  assert.equal(await audienceCount(site, season), before);
  assert.equal(await page.locator('.your-rating').count(), 0);

  // A comment: Delete asks, showing the comment; confirming removes it.
  await page.fill('#comment-body', 'Asked before it goes.');
  await Promise.all([page.waitForURL(/#comment-\d+$/), page.click('.comment-new button[type=submit]')]);
  const comment = page.locator('.comment', { hasText: 'Asked before it goes.' });
  await Promise.all([page.waitForURL(/\/comments\/\d+\/delete$/), comment.locator('.comment-actions button', { hasText: 'Delete' }).click()]);
  assert.equal(await page.locator('h1').innerText(), 'Delete your comment?');
  assert.match(await page.locator('.confirm-quote').innerText(), /Asked before it goes\./);
  await Promise.all([page.waitForURL(/#comments$/), page.click('.confirm-form button[type=submit]')]);
  assert.equal(await page.locator('.comment-text', { hasText: 'Asked before it goes.' }).count(), 0);
  await context.close();
});

test('the confirmation page fits a phone', async () => {
  site.reel(['users', 'add', 'phone_reader', '--role', 'reader', '--email', 'phone@example.org', '--password-stdin'],
            'phone reader passphrase\n');
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(site.base + '/account/signin?next=' + season);
  await page.fill('#username', 'phone_reader');
  await page.fill('#password', 'phone reader passphrase');
  await Promise.all([page.waitForURL(site.base + season), page.click('button[type=submit]')]);
  await page.click('label[for="stars-7"]');
  await Promise.all([page.waitForURL(/#rate$/), page.click('#rate button[type=submit]')]);
  await Promise.all([page.waitForURL(site.base + season + '/rating'), page.click('#rate .link-button')]);
  assert.equal(await overflow(page), 0);
  await context.close();
});
