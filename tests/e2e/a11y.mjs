// Accessibility check of a built site in a real browser.
//
// Serves the output directory on loopback, opens every HTML page (emails
// excepted) in Debian's Chromium through playwright-core, runs axe-core with
// the WCAG 2.1 A and AA rules in light and dark mode, checks that nothing
// scrolls sideways at 320 px wide and at 200 % zoom (a 640 px viewport), and
// saves screenshots of key pages. Prints one line per problem; exits 1 on any.
//
// usage: node a11y.mjs OUTPUT_DIR SCREENSHOT_DIR
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [root, shots] = process.argv.slice(2).map((p) => path.resolve(p));
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.ics': 'text/calendar', '.xml': 'application/xml', '.json': 'application/json', '.csv': 'text/csv',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.webp': 'image/webp', '.gif': 'image/gif',
  '.js': 'text/javascript' };

function htmlPages(dir, base = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = base + e.name;
    if (e.isDirectory()) return htmlPages(path.join(dir, e.name), rel + '/');
    return e.name.endsWith('.html') && e.name !== 'email.html' ? [rel] : [];
  }).sort();
}

function serve() {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(fs.existsSync(path.join(root, '404.html')) ? fs.readFileSync(path.join(root, '404.html')) : 'not found');
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
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// Nothing may leave the machine: record and block any request off loopback.
await context.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith(base) || url.startsWith('data:')) return route.continue();
  outside.push(url);
  return route.abort();
});
const page = await context.newPage();

async function axe(rel, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  for (const v of result.violations) {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    problems.push(`${rel} [${scheme}] ${v.id}: ${v.help} (${v.nodes.length}×: ${targets})`);
  }
}

async function noSidewaysScroll(rel, width) {
  await page.setViewportSize({ width, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 1) problems.push(`${rel}: scrolls sideways by ${overflow}px at ${width}px wide`);
}

const pages = htmlPages(root);
for (const rel of pages) {
  const url = base + rel.replace(/index\.html$/, '');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  await axe(rel, 'light');
  await axe(rel, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await noSidewaysScroll(rel, 320);
  await noSidewaysScroll(rel, 640);
}

// The search page with a word typed (issue 21): axe on the results state,
// and every request it makes passes the same off-site blocker.
fs.mkdirSync(shots, { recursive: true });
if (pages.includes('zoeken/index.html')) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(base + 'zoeken/', { waitUntil: 'load' });
  await page.type('#zoekterm', 'bijeenkomst', { delay: 20 });
  const shown = await page.waitForFunction(() => document.querySelectorAll('#zoek-resultaten li').length > 0, null, { timeout: 15000 })
    .then(() => true, () => false);
  if (!shown) problems.push('zoeken/: no results after typing "bijeenkomst"');
  await axe('zoeken/ with results', 'light');
  await axe('zoeken/ with results', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await noSidewaysScroll('zoeken/ with results', 320);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: path.join(shots, 'search-results-390.png') });
}

// Screenshots for reviewers: the first page of each kind that exists.
const kinds = {
  home: (p) => p === 'index.html',
  wijk: (p) => /^[a-z0-9-]+\/index\.html$/.test(p) && !/^(bijeenkomsten|nieuwsbrief|wijkplan|projecten|locaties)\//.test(p) && pages.some((q) => q.startsWith(p.replace('index.html', '')) && q !== p),
  meeting: (p) => /^bijeenkomsten\/[^/]+\/index\.html$/.test(p),
  round: (p) => /^projecten\/[^/]+\/index\.html$/.test(p),
};
for (const [kind, test] of Object.entries(kinds)) {
  const rel = pages.find(test);
  if (!rel) continue;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(base + rel.replace(/index\.html$/, ''), { waitUntil: 'load' });
    await page.screenshot({ path: path.join(shots, `${kind}-${width}.png`), fullPage: true });
  }
}

await browser.close();
server.close();
for (const url of [...new Set(outside)]) problems.push(`request off the machine: ${url}`);
for (const p of problems) console.log(p);
console.log(`a11y: ${pages.length} pages checked in a real browser, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
