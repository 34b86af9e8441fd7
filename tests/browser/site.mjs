// Test support for the browser tests: a fresh demo site served by the real reel
// binary (REEL_BINARY) on a free port, and Debian's chromium driven by
// playwright-core. Everything is removed when the test ends.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const binary = process.env.REEL_BINARY;

export async function startSite() {
  if (!binary) throw new Error('REEL_BINARY is not set (ctest sets it)');
  const dir = mkdtempSync(join(tmpdir(), 'reel-browser-'));
  const db = 'sqlite:' + join(dir, 'site.db');
  execFileSync(binary, ['init', '--demo', '--db', db], { stdio: 'ignore' });
  const server = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '2']);
  const base = await new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error('reel did not start: ' + log)), 10000);
    const read = (chunk) => {
      log += chunk;
      const m = log.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`reel exited with ${code}: ${log}`)));
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    base, db, browser,
    // Runs `reel ARGS --db DB` with `input` on its stdin; returns its stdout.
    reel: (args, input = '') => execFileSync(binary, [...args, '--db', db], { encoding: 'utf8', input }),
    async stop() {
      await browser.close();
      server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A title's audience-score count as the JSON API gives it (`path`: "/tv/x/s01").
export async function audienceCount(site, path) {
  const res = await fetch(site.base + '/api/v1' + path);
  return (await res.json()).scores.audience.count;
}

// The width the page lays out at beyond the window's (0 when nothing sticks out).
export async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
