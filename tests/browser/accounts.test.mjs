// A reader in a real browser (Debian's chromium): signs up through the form, rates a
// season with the star widget and a review, sees the audience count move, deletes
// the rating and sees it move back; the account and staff pages lay out on a phone
// without sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, overflow, audienceCount } from './site.mjs';

const season = '/tv/star-trek-picard/s01';
let site;
before(async () => { site = await startSite(); });
after(async () => { await site?.stop(); });

test('a reader signs up, rates with the stars, and deletes the rating', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.base + '/account/signup?next=' + season);
  await page.fill('#username', 'browser_reader');
  await page.fill('#email', 'browser_reader@example.org');
  await page.fill('#password', 'a long passphrase');
  await Promise.all([page.waitForURL(site.base + season), page.click('button[type=submit]')]);
  assert.equal(await page.locator('.nav-user').innerText(), 'browser_reader');

  const before = await audienceCount(site, season);
  await page.click('label[for="stars-9"]');  // 4.5 stars.
  await page.fill('#review', 'Seen in a real browser.\n\nTwo paragraphs.');
  await Promise.all([page.waitForURL(/#rate$/), page.click('#rate button[type=submit]')]);
  assert.equal(await audienceCount(site, season), before + 1);
  assert.match(await page.locator('.your-rating').innerText(), /4\.5 \/ 5/);
  assert.equal(await page.locator('#stars-9').isChecked(), true);

  // Deleting asks first, on a page of its own; confirming goes back to the title.
  await Promise.all([page.waitForLoadState(), page.click('#rate .link-button')]);
  assert.equal(await audienceCount(site, season), before + 1);
  await Promise.all([page.waitForURL(/#rate$/), page.click('.confirm-form button[type=submit]')]);
  assert.equal(await audienceCount(site, season), before);
  assert.equal(await page.locator('.your-rating').count(), 0);
  await page.close();
});

test('account, admin and title pages fit a phone', async () => {
  site.reel(['users', 'add', 'phone_admin', '--role', 'admin', '--email', 'admin@example.org', '--password-stdin'],
            'phone admin passphrase\n');
  site.reel(['users', 'critic', 'phone_admin', 'phone-admin', '--name', 'Phone Admin']);
  const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const path of ['/account/signup', '/account/signin', '/account/reset']) {
    await page.goto(site.base + path);
    assert.equal(await overflow(page), 0, path);
  }
  await page.goto(site.base + '/account/signin');
  await page.fill('#username', 'phone_admin');
  await page.fill('#password', 'phone admin passphrase');
  await Promise.all([page.waitForURL(site.base + '/'), page.click('button[type=submit]')]);
  // Signed in as an admin who is also a critic: every staff form is on the season page.
  for (const path of ['/account', '/admin/users', '/admin/outbox', '/admin/moderation', '/admin/articles',
                      '/admin/articles/new', season, season + '/e01',
                      '/m/logan']) {
    await page.goto(site.base + path);
    assert.equal(await overflow(page), 0, path);
  }
  await page.goto(site.base + season);
  assert.equal(await page.locator('#critic-review-form').count(), 1);
  assert.equal(await page.locator('#consensus-form').count(), 1);
  await context.close();
});
