// The site search in a real browser (issue 21), driven by tests/search.rs.
//
// Serves a built fixture site on loopback, opens /zoeken/ in Debian's
// Chromium through playwright-core and types like a resident:
//   1. a word that is on one page only finds that page first;
//   2. an inflected Dutch form finds the page with the other form;
//   3. choosing a wijk narrows the results to that wijk;
//   4. the header's field (a plain GET form) leads to the results;
//   5. after a failed request of the index the next search asks again;
// and on the results state runs axe-core (WCAG 2.1 A and AA, light and
// dark), saves the DOM for the Nu checker and screenshots at 320, 390 and
// 1280 px. Every request that is not to the loopback server is blocked and
// counted: there must be none. Prints one line per problem; exits 1 on any.
//
// usage: node search.mjs OUTPUT_DIR ARTIFACT_DIR QUERIES_JSON
//   QUERIES_JSON: {"unique": [word, path], "inflected": [[word, path], …],
//                  "wijk": [word, wijk name]}
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [root, artifacts] = process.argv.slice(2, 4).map((p) => path.resolve(p));
const queries = JSON.parse(process.argv[4]);
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.js': 'text/javascript', '.json': 'application/json' };

function serve() {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const outside = [];
let requests = 0;
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith(base) || url.startsWith('data:')) {
    requests += 1;
    return route.continue();
  }
  outside.push(url);
  return route.abort();
});
const page = await context.newPage();
page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
// Step 6 fails requests on purpose: the browser's own line for them is expected.
let failing = false;
page.on('console', (m) => {
  if (m.type() === 'error' && !(failing && m.text().includes('net::ERR_FAILED'))) problems.push(`console error: ${m.text()}`);
});

// Types `word` into the search field as a person would and waits until the
// status line tells the result; returns the result paths in order.
async function search(word) {
  await page.fill('#zoekterm', '');
  await page.type('#zoekterm', word, { delay: 20 });
  return results(word);
}

async function results(word) {
  await page.waitForFunction((w) => {
    const s = document.getElementById('zoek-status').textContent;
    return s.includes(w) || s.includes('lukt');
  }, word, { timeout: 15000 });
  const status = await page.textContent('#zoek-status');
  const paths = await page.$$eval('#zoek-resultaten li h2 a', (as) => as.map((a) => new URL(a.href).pathname));
  return { status, paths };
}

async function axe(label) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
      problems.push(`${label} [${scheme}] ${v.id}: ${v.help} (${v.nodes.length}×: ${targets})`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

await page.goto(base + 'zoeken/', { waitUntil: 'load' });
const label = await page.$eval('#zoekterm', (el) => el.labels[0]?.textContent.trim());
if (!label) problems.push('the search field has no label');
const live = await page.$eval('#zoek-status', (el) => el.getAttribute('role') === 'status' || el.getAttribute('aria-live'));
if (!live) problems.push('the result count is not announced (no role=status / aria-live)');

// 1. A word on one page only: that page first.
const [unique, uniquePath] = queries.unique;
const one = await search(unique);
if (one.paths[0] !== uniquePath) problems.push(`"${unique}": first result ${one.paths[0]}, want ${uniquePath} (${one.status})`);
console.log(`"${unique}": ${one.paths.join(', ')} — ${one.status}`);

// 2. An inflected Dutch form finds the page with the other form (a plural
// for a singular is no prefix match: only stemming finds it).
for (const [inflected, inflectedPath] of queries.inflected) {
  const two = await search(inflected);
  if (!two.paths.includes(inflectedPath)) problems.push(`"${inflected}": ${inflectedPath} not found (${two.paths.join(', ')})`);
  console.log(`"${inflected}": ${two.paths.join(', ')} — ${two.status}`);
}

// The results state: axe, keyboard, the DOM for the Nu checker, screenshots.
await axe('zoeken/ with results');
// Keyboard only: from the field, Tab passes the button and the two filters
// and reaches the first result.
await page.focus('#zoekterm');
const stops = [];
for (let i = 0; i < 4; i++) {
  await page.keyboard.press('Tab');
  stops.push(await page.evaluate(() => document.activeElement?.closest('#zoek-resultaten') ? 'result' : document.activeElement?.id || document.activeElement?.tagName));
}
if (stops[3] !== 'result') problems.push(`keyboard: Tab from the field goes ${stops.join(' → ')}, not to the first result`);
fs.mkdirSync(artifacts, { recursive: true });
fs.writeFileSync(path.join(artifacts, 'zoeken-resultaten.html'), '<!DOCTYPE html>\n' + await page.evaluate(() => document.documentElement.outerHTML));
for (const scheme of ['light', 'dark']) {
  await page.emulateMedia({ colorScheme: scheme });
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 1) problems.push(`zoeken/ scrolls sideways by ${overflow}px at ${width}px (${scheme})`);
    await page.screenshot({ path: path.join(artifacts, `zoeken-${width}-${scheme}.png`) });
  }
}
await page.emulateMedia({ colorScheme: 'light' });
await page.setViewportSize({ width: 1280, height: 900 });

// 3. A wijk narrows the results.
const [common, wijk] = queries.wijk;
const all = await search(common);
await page.selectOption('#zoek-wijk', wijk);
const narrowed = await results(common);
const metas = await page.$$eval('#zoek-resultaten li .meta', (ps) => ps.map((p) => p.textContent));
if (!(narrowed.paths.length > 0 && narrowed.paths.length < all.paths.length)) {
  problems.push(`wijk ${wijk}: ${all.paths.length} results before, ${narrowed.paths.length} after`);
}
if (metas.length !== narrowed.paths.length || metas.some((m) => !m.includes(wijk))) {
  problems.push(`wijk ${wijk}: a result not in ${wijk}: ${metas.join(' | ')}`);
}
if (!page.url().includes('wijk=')) problems.push(`the address keeps no wijk: ${page.url()}`);
console.log(`"${common}": ${all.paths.length} results, in ${wijk} ${narrowed.paths.length}`);

// 4. Many results: ten shown, the button shows the rest and moves the
// focus to the first new one.
if (queries.many) {
  await page.selectOption('#zoek-wijk', '');
  const [word, total] = queries.many;
  const first = await search(word);
  if (first.paths.length !== 10) problems.push(`"${word}": ${first.paths.length} shown at first, want 10`);
  if (await page.isHidden('#zoek-meer')) problems.push(`"${word}": no button for the other ${total - 10}`);
  await page.focus('#zoek-meer');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#zoek-resultaten li').length === n, total, { timeout: 15000 });
  const focused = await page.evaluate(() => {
    const items = [...document.querySelectorAll('#zoek-resultaten li')];
    return items.indexOf(document.activeElement?.closest('li'));
  });
  if (focused !== 10) problems.push(`after "more" the focus is on result ${focused + 1}, not 11`);
  if (!(await page.isHidden('#zoek-meer'))) problems.push('the button stays after the last results');
  console.log(`"${word}": ${first.paths.length} then ${total} results`);

  // A slow older search (the first section chosen, where the word is not,
  // its page list slow to come) that ends after a newer one (the section
  // set back) leaves the newer's results and button alone.
  await page.route(/\/zoeken\/data\/f\//, (route) => setTimeout(() => route.continue(), 1000));
  await page.selectOption('#zoek-sectie', { index: 1 });
  await page.selectOption('#zoek-sectie', '');
  await page.waitForTimeout(1500);
  await page.unroute(/\/zoeken\/data\/f\//);
  await page.click('#zoek-meer');
  await page.waitForTimeout(500);
  const after = await page.$$eval('#zoek-resultaten li', (li) => li.length);
  if (after !== total) problems.push(`after a slow older search, "more" shows ${after} results, want ${total} (${await page.textContent('#zoek-status')})`);
}

// 5. The header's field on another page leads to the results.
await page.goto(base, { waitUntil: 'load' });
await page.fill('#site-zoekterm', unique);
await Promise.all([page.waitForURL(/zoeken\/\?q=/), page.press('#site-zoekterm', 'Enter')]);
const fromHeader = await results(unique);
if (fromHeader.paths[0] !== uniquePath) problems.push(`header search: first result ${fromHeader.paths[0]}`);
for (const scheme of ['light', 'dark']) {
  await page.emulateMedia({ colorScheme: scheme });
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(base, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(artifacts, `header-${width}-${scheme}.png`) });
  }
}

// 6. A request of the index that fails (a phone losing its signal) shows
// the error, and the next search asks again instead of failing for the
// rest of the visit.
await page.goto(base + 'zoeken/', { waitUntil: 'load' });
let drop = true;
failing = true;
await page.route(/\/zoeken\/data\/w\//, (route) => (drop ? route.abort() : route.continue()));
const failed = await search(unique);
drop = false;
if (!failed.status.includes('lukt')) problems.push(`a failed request: "${failed.status}", want the error message`);
await page.fill('#zoekterm', '');
await page.waitForFunction(() => document.getElementById('zoek-status').textContent === '', null, { timeout: 15000 });
const retried = await search(unique);
if (retried.paths[0] !== uniquePath) problems.push(`after a failed request: first result ${retried.paths[0]} (${retried.status}), want ${uniquePath}`);
console.log(`after a failed request: ${failed.status} then ${retried.paths.join(', ')}`);
await page.unroute(/\/zoeken\/data\/w\//);
failing = false;

await browser.close();
server.close();
for (const url of [...new Set(outside)]) problems.push(`request off the machine: ${url}`);
for (const p of problems) console.log(p);
console.log(`search: ${requests} requests on loopback, ${outside.length} off the machine, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
