// Site search on /zoeken/ (issue 21): searches as you type in the site's own
// index (zoeken/data/, made by the build: src/formats/search_index.rs says
// its format) and shows the results in the theme's own list. It loads the
// small manifest, one word chunk per typed word, a filter's page list when a
// filter is chosen, and the fragments of the results shown; nothing else, and
// nothing from another site. No text is written here: every text comes from
// strings.yaml through data-* attributes of the form. The number of results
// is announced through the status line (role="status"). Without JavaScript
// the form is a plain GET to this page.
import { stem } from "./stem-nl.js";

const form = document.getElementById("zoeken");
const field = document.getElementById("zoekterm");
const wijk = document.getElementById("zoek-wijk");
const section = document.getElementById("zoek-sectie");
const status = document.getElementById("zoek-status");
const list = document.getElementById("zoek-resultaten");
const more = document.getElementById("zoek-meer");
const text = form.dataset;
const dataUrl = text.index.slice(0, text.index.lastIndexOf("/") + 1);
// Results shown at a time: each needs its fragment file, so a phone loads
// ten, and more when asked.
const SHOWN = 10;
// Letters and digits; a soft hyphen (U+00AD, "wijk&shy;centrum") is inside
// a word, as the index reads it, and is dropped before stemming.
const WORD = /[\p{Alphabetic}\p{N}\u00ad]+/gu;
const SOFT_HYPHEN = /\u00ad/g;
let meta = null;
const files = new Map();
let latest = 0;
// The results of the last search, and how many are shown.
let current = null;

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

// As the index does (search_index.rs `stem`): a word of five letters or
// more ending in "es" loses its "s" first ("bankjes" finds "bankje").
function stemWord(word) {
  return stem(word.endsWith("es") && [...word].length >= 5 ? word.slice(0, -1) : word);
}

async function manifest() {
  if (!meta) {
    const response = await fetch(text.index, { cache: "no-cache" });
    if (!response.ok) throw new Error(String(response.status));
    meta = await response.json();
  }
  return meta;
}

// A file of the index, once per page view; `?v=` keeps two builds apart.
// A failed request is forgotten, so the next search asks again (a phone
// that lost its signal for a moment is not stuck with the error).
function load(name) {
  const url = `${dataUrl}${name}?v=${meta.version}`;
  if (!files.has(url)) {
    const loading = fetch(url).then((r) => {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    });
    files.set(url, loading);
    loading.catch(() => {
      if (files.get(url) === loading) files.delete(url);
    });
  }
  return files.get(url);
}

// The chunk that holds `word` if the index has it: the last whose first
// word is not after it.
function chunkOf(word) {
  let low = 0;
  let high = meta.chunks.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (meta.chunks[middle] <= word) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

// The pages of one typed word: id → score. A word still being typed (the
// last, no space after it) also finds the words it begins.
async function pagesOf(word, typing) {
  const wanted = stemWord(word);
  const first = chunkOf(wanted);
  const chunks = [first];
  if (typing) {
    for (let i = first + 1; i < meta.chunks.length && i < first + 4 && meta.chunks[i].startsWith(wanted); i++) chunks.push(i);
  }
  const scores = new Map();
  for (const chunk of await Promise.all(chunks.map((n) => load(`w/${n}.json`)))) {
    for (let i = 0; i < chunk.length; i += 2) {
      const found = chunk[i];
      const exact = found === wanted;
      if (!exact && !(typing && found.startsWith(wanted))) continue;
      const postings = chunk[i + 1];
      const count = postings.length / 2;
      const rarity = Math.log(1 + (meta.pages - count + 0.5) / (count + 0.5));
      let id = 0;
      for (let j = 0; j < postings.length; j += 2) {
        id += postings[j];
        const score = rarity * postings[j + 1] * (exact ? 1 : 0.5);
        if (score > (scores.get(id) || 0)) scores.set(id, score);
      }
    }
  }
  return scores;
}

// The pages under a filter value, or null when no value is chosen.
async function filtered(name, value) {
  if (!value) return null;
  const values = (meta.filters.find(([n]) => n === name) || [null, []])[1];
  const n = values.findIndex(([v]) => v === value);
  if (n < 0) return new Set();
  let id = 0;
  return new Set((await load(`f/${name}-${n}.json`)).map((gap) => (id += gap)));
}

// The typed words, without stop words; the last is still being typed
// unless a space follows it. Composed first (NFC), as the pages are: a
// query pasted or typed with a separate accent ("o" + U+0308) would
// otherwise split "coördinatie" into "coo" and "rdinatie".
function wordsOf(query) {
  const words = (query.normalize("NFC").toLowerCase().match(WORD) || [])
    .map((w) => w.replace(SOFT_HYPHEN, ""))
    .filter((w) => w).filter((w) => !meta.stop.includes(w));
  return { words: [...new Set(words)], typing: !/\s$/.test(query) };
}

// The fragment's text around the first word found, with the words found
// marked.
function excerpt(body, stems, typing) {
  const tokens = [...body.matchAll(WORD)];
  const hit = (t) => {
    const s = stemWord(t[0].toLowerCase().replace(SOFT_HYPHEN, ""));
    return stems.some((w) => s === w || (typing && s.startsWith(w)));
  };
  const at = Math.max(0, tokens.findIndex(hit));
  const from = Math.max(0, at - 8);
  const to = Math.min(tokens.length, from + 30);
  const p = document.createElement("p");
  if (tokens.length === 0) return p;
  let position = tokens[from].index;
  if (from > 0) p.append("… ");
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    p.append(body.slice(position, t.index));
    if (hit(t)) {
      const mark = document.createElement("mark");
      mark.textContent = t[0];
      p.append(mark);
    } else {
      p.append(t[0]);
    }
    position = t.index + t[0].length;
  }
  if (to < tokens.length) p.append(" …");
  return p;
}

function item(page, stems, typing) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = text.base + page.url.replace(/^\//, "");
  link.textContent = page.title || page.url;
  heading.append(link);
  li.append(heading);
  if (page.shown.length) {
    const facts = document.createElement("p");
    facts.className = "meta";
    facts.textContent = page.shown.join(" · ");
    li.append(facts);
  }
  li.append(excerpt(page.text, stems, typing));
  return li;
}

function keepInAddress(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (wijk.value) params.set("wijk", wijk.value);
  if (section.value) params.set("sectie", section.value);
  const search = params.toString();
  history.replaceState(null, "", search ? "?" + search : location.pathname);
}

async function run() {
  const query = field.value;
  const mine = ++latest;
  keepInAddress(query.trim());
  if (!query.trim()) {
    current = null;
    status.textContent = "";
    list.replaceChildren();
    more.hidden = true;
    return;
  }
  status.textContent = text.busy;
  try {
    await manifest();
    const { words, typing } = wordsOf(query);
    let found = [];
    if (words.length) {
      const [perWord, inWijk, inSection] = await Promise.all([
        Promise.all(words.map((w, i) => pagesOf(w, typing && i === words.length - 1))),
        filtered("wijk", wijk.value),
        filtered("sectie", section.value),
      ]);
      // Every word must be on the page: the scores add up.
      const [first, ...rest] = perWord;
      for (const [id, score] of first) {
        if (inWijk && !inWijk.has(id)) continue;
        if (inSection && !inSection.has(id)) continue;
        let total = score;
        for (const other of rest) {
          const s = other.get(id);
          if (s === undefined) { total = -1; break; }
          total += s;
        }
        if (total >= 0) found.push([id, total]);
      }
      found.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    }
    const stems = words.map(stemWord);
    // A newer search (a key or a filter changed meanwhile) owns the list
    // and the button "more": this one must not take them over.
    if (mine !== latest) return;
    current = { found, stems, typing, query: query.trim(), shown: 0 };
    const items = await next(current);
    if (mine !== latest) return;
    list.replaceChildren(...items);
    announce(current);
  } catch (error) {
    if (mine !== latest) return;
    current = null;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = text.error;
  }
}

// The next SHOWN results as list items.
async function next(results) {
  const ids = results.found.slice(results.shown, results.shown + SHOWN).map(([id]) => id);
  const pages = await Promise.all(ids.map((id) =>
    load(`p/${Math.floor(id / meta.bundle)}.json`).then((bundle) => bundle[id % meta.bundle])));
  results.shown += pages.length;
  return pages.map((p) => item(p, results.stems, results.typing));
}

function announce(results) {
  const count = results.found.length;
  let message = say(count === 0 ? text.none : count === 1 ? text.one : text.many, { count, query: results.query });
  if (count > results.shown) message += " " + say(text.more, { shown: results.shown });
  status.textContent = message;
  more.hidden = count <= results.shown;
}

more.addEventListener("click", async () => {
  const results = current;
  if (!results) return;
  try {
    const items = await next(results);
    if (results !== current) return;
    list.append(...items);
    announce(results);
    // Keyboard and screen reader users go on at the first new result.
    items[0]?.querySelector("a")?.focus();
  } catch (error) {
    status.textContent = text.error;
  }
});

let timer = 0;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(run, 120);
}

const params = new URLSearchParams(location.search);
field.value = params.get("q") || "";
for (const [select, key] of [[wijk, "wijk"], [section, "sectie"]]) {
  const wanted = params.get(key);
  if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
}
field.addEventListener("input", soon);
wijk.addEventListener("change", run);
section.addEventListener("change", run);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run();
});
if (field.value) run();
