/* Lexikon's search worker: Material for MkDocs' search box asks, Pagefind answers.
 *
 * Material starts the worker named by "search" in the page's __config (the hook points it
 * here) and speaks four messages with it: SETUP (Material's index: here only its config)
 * answered by READY, and QUERY (the text in the box) answered by RESULT, whose items have
 * the shape Material's result list renders. The answers come from the Pagefind bundle of
 * the page's language, `<root>pagefind/`, where `?root=` of this script's address names
 * the language's tree ("" or "da/"): a reader only ever downloads their own language.
 * Pagefind is imported on the first query, so a page view that never searches costs nothing.
 * A large language's bundle comes in parts (each indexed by a Pagefind process of its own):
 * its script names the other parts (`lexikonParts`), merged here into one search.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const FIRST = 6;    // results in the first answer: what a screen shows, one fetch each at once
const MOST = 50;    // results in the second answer (the count shown), fetched while reading
const TERMS = "#lexikon-search-terms";  // hidden aliases and forms: found, never shown

const root = new URL(self.location.href).searchParams.get("root") || "";
const bundle = new URL(
  /^(?:[a-z]{2,3}(?:-[a-z0-9]+)*\/)?$/i.test(root) ? `../../${root}pagefind/` : "../../pagefind/",
  self.location.href);

let engine = null;
let latest = 0;
let attempts = 0;

/** Pagefind, imported and initialised once; after a failure (a request lost), a fresh copy of
 * its module at the next query: the module keeps one instance, and an index that failed to load
 * stays in it (its first load is not awaited by `init`, and a part merged in vain stays merged),
 * so every later search of that copy would throw. */
function pagefind() {
  if (engine === null) {
    const script = new URL("pagefind.js", bundle);
    if (attempts++) script.search = `?attempt=${attempts}`;
    const loading = import(script.href).then(async module => {
      await module.init();
      await Promise.all((module.lexikonParts || []).map(part => module.mergeIndex(new URL(part, bundle).href)));
      return module;
    });
    loading.catch(() => forget(loading));
    engine = loading;
  }
  return engine;
}

/** The next query imports Pagefind afresh, unless a later copy has replaced ``failed``. */
function forget(failed) {
  if (engine === failed) engine = null;
}

/** Pagefind's answer to ``query``; a copy that cannot answer is forgotten. */
async function search(query) {
  const loading = pagefind();
  try {
    return await (await loading).search(query);
  } catch (error) {
    forget(loading);
    throw error;
  }
}

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = text => String(text).replace(/[&<>"']/g, c => ENTITIES[c]);
const escapeRegExp = text => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The query's words, as Material's lunr search splits and reports them. */
function queryWords(query) {
  return query.toLowerCase().split(/[\s\-]+/).filter(Boolean);
}

/** Mark each word that starts with a query word, as Material marks its titles. */
function mark(html, words) {
  if (!words.length) return html;
  const alternatives = words.map(word => escapeRegExp(escapeHtml(word))).join("|");
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}&])((?:${alternatives})[\\p{L}\\p{N}]*)`, "giu");
  return html.replace(pattern, "$1<mark data-md-highlight>$2</mark>");
}

/** Pagefind's excerpt (text escaped, hits in <mark>) as Material's teaser; the marks hold
 * only the word, not the punctuation Pagefind keeps around it ("(Wort," → "(<mark>Wort</mark>,"). */
const OUTSIDE = "((?:&[#a-z0-9]+;|[^\\p{L}\\p{N}<&])*)";
const MARKED = new RegExp(`<mark>${OUTSIDE}(.*?)${OUTSIDE}</mark>`, "gu");
function teaser(excerpt) {
  if (!excerpt) return "";
  return `<p>${excerpt.replace(MARKED, "$1<mark data-md-highlight>$2</mark>$3")}</p>`;
}

/** One page's items in Material's shape: the page first, then its matching sections.
 *
 * Material shows the page's teaser when no section scores as high as the page, else the
 * page's title alone over its best sections; the rest fold under "n more on this page".
 * A hit only in the hidden search terms shows the page's summary instead of those words.
 */
function items(data, score, words) {
  const terms = Object.fromEntries(words.map(word => [word, true]));
  const found = data.sub_results.filter(sub => !sub.url.endsWith(TERMS));
  const lead = found.find(sub => !sub.anchor || sub.anchor.element === "h1");
  const sections = found.filter(sub => sub !== lead);
  const description = data.meta.description ? `<p>${escapeHtml(data.meta.description)}</p>` : "";
  const page = {
    location: data.url,
    title: mark(escapeHtml(data.meta.title || data.url), words),
    text: lead ? teaser(lead.excerpt) : sections.length ? "" : description,
    score,
    terms
  };
  return [page, ...sections.map((sub, index) => ({
    location: sub.url,
    title: mark(escapeHtml(sub.title), words),
    text: teaser(sub.excerpt),
    score: !lead && index === 0 ? score : score / 2,
    terms
  }))];
}

/** Whether a page was found by a word like one typed. When a word is in no page, Pagefind
 * searches its longest prefix that is ("Filippinerne" → "fil", found in "file"): a page
 * counts only if a word it was found by shares most of its beginning with a typed word
 * (stems and words being typed do: "Dienstleistern" and "Dienstleister", "Wiedereinl"). */
function plausible(data, words) {
  const content = data.content.split(/\s+/);
  const hits = data.locations.map(at => (content[at] || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""));
  return words.some(word => hits.some(hit => {
    let shared = 0;
    while (shared < word.length && hit[shared] === word[shared]) shared++;
    return shared === word.length || shared >= Math.max(3, Math.ceil(0.6 * word.length));
  }));
}

async function answer(query, id) {
  const words = queryWords(query);
  if (!words.length) return post(id, []);
  const found = await search(query);
  if (id !== latest || !found) return;
  const results = found.results.slice(0, MOST);
  // Pagefind's scores are small: scaled, Material's "best result" (Enter) still compares them.
  const load = async list => (await Promise.all(list.map(async result => {
    const data = await result.data();
    return plausible(data, words) ? items(data, 100 * result.score, words) : null;
  }))).filter(Boolean);
  const first = await load(results.slice(0, FIRST));
  post(id, first);
  if (results.length > FIRST && id === latest) {
    const rest = await load(results.slice(FIRST));
    post(id, [...first, ...rest]);
  }
}

function post(id, groups) {
  if (id === latest) postMessage({ type: RESULT, data: { items: groups } });
}

addEventListener("message", async event => {
  const message = event.data;
  switch (message.type) {
    case SETUP:
      pagefind().catch(() => {});   // ready before the first query: script, wasm, entry
      postMessage({ type: READY });
      break;
    case QUERY: {
      const id = ++latest;
      try {
        await answer(String(message.data || ""), id);
      } catch (error) {
        console.warn("Lexikon search:", error);
        post(id, []);
      }
      break;
    }
  }
});
