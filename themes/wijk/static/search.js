// Site search on /zoeken/ (issue 21): searches as you type with Pagefind's
// own pagefind.js (its index lies in /pagefind/, made by the build), and
// shows the results in the theme's own list. No text is written here: every
// text comes from strings.yaml through data-* attributes of the form. The
// number of results is announced through the status line (role="status").
// Without JavaScript the form is a plain GET to this page.
const form = document.getElementById("zoeken");
const field = document.getElementById("zoekterm");
const wijk = document.getElementById("zoek-wijk");
const section = document.getElementById("zoek-sectie");
const status = document.getElementById("zoek-status");
const list = document.getElementById("zoek-resultaten");
const text = form.dataset;
const SHOWN = 20;
let pagefind = null;
let latest = 0;

function say(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

async function load() {
  if (!pagefind) {
    pagefind = await import(text.pagefind);
    await pagefind.options({ baseUrl: text.base, excerptLength: 24 });
  }
  return pagefind;
}

function keepInAddress(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (wijk.value) params.set("wijk", wijk.value);
  if (section.value) params.set("sectie", section.value);
  const search = params.toString();
  history.replaceState(null, "", search ? "?" + search : location.pathname);
}

function item(data) {
  const li = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  li.append(heading);
  const facts = [
    ...(data.filters.sectie || []),
    ...(data.filters.wijk || []),
    data.meta.datum,
  ].filter(Boolean);
  if (facts.length) {
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = facts.join(" · ");
    li.append(meta);
  }
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is the page's own text, escaped, with <mark> around
  // the words found.
  excerpt.innerHTML = data.excerpt;
  li.append(excerpt);
  return li;
}

async function run() {
  const query = field.value.trim();
  const mine = ++latest;
  keepInAddress(query);
  if (!query) {
    status.textContent = "";
    list.replaceChildren();
    return;
  }
  status.textContent = text.busy;
  try {
    const pf = await load();
    const filters = {};
    if (wijk.value) filters.wijk = wijk.value;
    if (section.value) filters.sectie = section.value;
    const search = await pf.search(query, { filters });
    const found = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    if (mine !== latest) return;
    list.replaceChildren(...found.map(item));
    const count = search.results.length;
    let message = say(count === 0 ? text.none : count === 1 ? text.one : text.many, { count, query });
    if (count > SHOWN) message += " " + say(text.more, { shown: SHOWN });
    status.textContent = message;
  } catch (error) {
    if (mine !== latest) return;
    list.replaceChildren();
    status.textContent = text.error;
  }
}

let timer = 0;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(run, 150);
}

const params = new URLSearchParams(location.search);
field.value = params.get("q") || "";
for (const [select, key] of [[wijk, "wijk"], [section, "sectie"]]) {
  const wanted = params.get(key);
  if (wanted && [...select.options].some((o) => o.value === wanted || o.text === wanted)) select.value = wanted;
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
