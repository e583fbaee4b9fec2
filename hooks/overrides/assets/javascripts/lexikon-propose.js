/* Lexikon: a search that finds nothing offers to propose the term.
 *
 * Material writes its "no results" line into the search panel's meta element (its text is
 * the translation "search.result.none" of the page's __config) and rewrites that element on
 * every answer. Each time it says "none", this script adds a link to the GitHub issue form
 * named by its own data attributes (written, escaped, by lexikon.render.propose), with the
 * reader's query and language filled in. The query goes only through encodeURIComponent
 * and textContent: nothing a reader types becomes markup.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var meta = document.querySelector(".md-search-result__meta");
  var input = document.querySelector("[data-md-component=search-query]");
  var config = document.getElementById("__config");
  if (!script || !meta || !input || !config) return;
  var form = script.getAttribute("data-propose-form");
  var none;
  try {
    none = JSON.parse(config.textContent).translations["search.result.none"];
  } catch (error) {
    return;
  }
  if (!form || !none) return;

  function href(query) {
    var fields = {
      title: "[" + script.getAttribute("data-propose-lang") + "] " + query,
      term: query,
      language: script.getAttribute("data-propose-language")
    };
    return form + Object.keys(fields).map(function (name) {
      return "&" + name + "=" + encodeURIComponent(fields[name]);
    }).join("");
  }

  function offer() {
    var query = input.value.trim();
    if (!query || meta.querySelector(".lexikon-propose") || meta.textContent !== none) return;
    var link = document.createElement("a");
    link.className = "lexikon-propose";
    link.href = href(query);
    link.textContent = script.getAttribute("data-propose-label");
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(link);
  }

  new MutationObserver(offer).observe(meta, { childList: true, characterData: true, subtree: true });
})();
