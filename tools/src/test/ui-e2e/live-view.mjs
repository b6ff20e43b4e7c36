// Drives Debian's Chromium (headless, through playwright-core) against a running live view and
// checks what a person would see. Run by LiveViewBrowserTest:
//   node live-view.mjs <http://127.0.0.1:PORT/ui/> <source-id> <screenshot-dir> [--expect-moments] [--draw-only]
// --draw-only: the source listed and a frame drawn with its box (no live checks, no screenshots).
// Prints one JSON line (what it saw) and exits 0, or prints the failure and exits 1.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [sourcesUrl, sourceId, shots, ...flags] = process.argv.slice(2);
const expectMoments = flags.includes('--expect-moments');
const drawOnly = flags.includes('--draw-only');
const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const external = [];
const seen = {};

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const profile = mkdtempSync(join(tmpdir(), 'vs-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 760 },
});
try {
  // Nothing may leave the machine: every request to another host is refused and recorded.
  await context.route('**/*', route => {
    const url = new URL(route.request().url());
    if (LOCAL.has(url.hostname)) return route.continue();
    external.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));

  // 1. The sources page lists the source, linking its page.
  await page.goto(sourcesUrl);
  const link = page.locator(`a[href*="/ui/source/${encodeURIComponent(sourceId)}"]`);
  await link.first().waitFor({ timeout: 240_000 });
  if (!drawOnly) {
    await page.waitForFunction(id => {
      const row = document.querySelector(`tr[data-source="${id}"]`);
      return row && row.children[2].textContent !== '–';
    }, sourceId, { timeout: 240_000 });
  }
  seen.sourcesRow = await page.locator(`tr[data-source="${sourceId}"]`).innerText();
  const table = await page.locator('#sources').boundingBox();
  if (!drawOnly) await page.screenshot({ path: join(shots, 'live-view-sources.png'),
    clip: { x: 0, y: 0, width: 1280, height: Math.ceil(table.y + table.height + 24) } });

  // 2. Its page draws a frame on a canvas, a box where a detection is.
  await link.first().click();
  await page.waitForFunction(() => window.__vs && window.__vs.last && window.__vs.last.results.detection
    && window.__vs.last.results.detection.objects.length > 0, null, { timeout: 240_000 });
  const pixel = await page.evaluate(async () => {
    const s = window.__vs.last;
    const canvas = document.getElementById('frame');
    const W = canvas.width, H = canvas.height;
    const b = s.results.detection.objects[0].box;
    const x = Math.min(W - 1, Math.floor(b.x_min * W)), y = Math.min(H - 1, Math.floor((b.y_min + b.y_max) / 2 * H));
    const drawn = Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data);
    // the same pixel of the image alone, to show the colour comes from the box
    const img = new Image();
    img.src = '/ui/api/source/' + encodeURIComponent(s.source_id) + '/' + s.image;
    await img.decode().catch(() => null);
    let raw = null;
    if (img.naturalWidth) {
      const off = document.createElement('canvas');
      off.width = W; off.height = H;
      const o = off.getContext('2d');
      o.drawImage(img, 0, 0);
      raw = Array.from(o.getImageData(x, y, 1, 1).data);
    }
    return { x, y, W, H, drawn, raw, label: s.results.detection.objects[0].label, id: s.id };
  });
  seen.pixel = pixel;
  check(pixel.drawn[0] === 255 && pixel.drawn[1] === 0 && pixel.drawn[2] === 255,
    `canvas pixel at the box's left edge (${pixel.x},${pixel.y}) is ${pixel.drawn}, not the box colour`);
  check(pixel.raw === null || !(pixel.raw[0] === 255 && pixel.raw[1] === 0 && pixel.raw[2] === 255),
    'the image itself is box-coloured there: the check proves nothing');
  if (!drawOnly) await page.screenshot({ path: join(shots, 'live-view-source.png') });

  if (!drawOnly) {
    // 3. The stream delivers the next frame, and the canvas draws it.
    const before = await page.evaluate(() => ({ seq: window.__vs.received.at(-1).seq, drawn: window.__vs.drawn }));
    await page.waitForFunction(b => window.__vs.received.at(-1).seq > b.seq && window.__vs.drawn > b.drawn, before,
      { timeout: 120_000 });

    // 4. A reconnect resumes after the last frame received: every sequence number once, none missing.
    const countBefore = await page.evaluate(() => window.__vs.received.length);
    const lastId = await page.evaluate(() => window.__vs.reconnect(3000));
    await page.waitForFunction(n => window.__vs.received.length > n, countBefore, { timeout: 120_000 });
    await page.waitForTimeout(1500);
    const received = await page.evaluate(() => window.__vs.received);
    const seqs = received.map(r => r.seq);
    for (let i = 1; i < seqs.length; i++) {
      check(seqs[i] === seqs[i - 1] + 1, `frames ${seqs[i - 1]} then ${seqs[i]}: a gap or a repeat (${JSON.stringify(received)})`);
    }
    seen.reconnect = { lastIdBefore: lastId, firstAfter: received[countBefore].id, frames: received.length };

    // 5. The timeline fills.
    if (expectMoments) {
      await page.waitForFunction(() => document.querySelectorAll('#timeline li').length > 0, null, { timeout: 120_000 });
      seen.timeline = await page.locator('#timeline li').first().innerText();
    }
  }
  check(errors.length === 0, 'page errors: ' + errors.join('; '));
  check(external.length === 0, 'requests to other hosts: ' + external.join(', '));
  seen.external = external.length;
  console.log(JSON.stringify({ ok: true, ...seen }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e && e.message || e), external, ...seen }));
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
