/* explainer: card previews and search as you type.
 *
 * A plain deferred script (no modules, no requests to other hosts), so it
 * works from file:// too. Its data comes from static/site-index.js. Without
 * JavaScript every mention is an ordinary link and the search box submits to
 * search.html, which lists every card and article. What it says comes from the
 * page (the JSON block #explainer-words, from the site's message catalogue).
 */
(function () {
  "use strict";

  var data = window.explainerIndex;
  var script = document.currentScript;
  var rootUrl = new URL("../", script ? script.src : location.href).href;
  var OPEN_DELAY = 350;
  var CLOSE_DELAY = 300;
  var MENU_RESULTS = 6;
  var lang = document.documentElement.lang || "en";
  var said = {};
  try {
    said = JSON.parse(document.getElementById("explainer-words").textContent);
  } catch (e) { /* a page without the block (an old template): English below */ }

  // A message with its %(name)s filled in; ``english`` when the page gives none.
  function say(key, english, values) {
    var text = said[key] || english;
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  // The form of a message for ``count`` (the page gives one per plural category).
  function sayCount(key, english, count, values) {
    var forms = said[key] || {};
    var category = "other";
    try { category = new Intl.PluralRules(lang).select(count); } catch (e) { /* old */ }
    var text = forms[category] || forms.other || english;
    var num = count;
    try { num = new Intl.NumberFormat(lang).format(count); } catch (e) { /* old browser */ }
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      if (name === "num") return num;
      return values && name in values ? values[name] : all;
    });
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function closestMention(target) {
    return target && target.closest ? target.closest("a.mention[data-card]") : null;
  }

  /* ---- card previews ------------------------------------------------- */

  var cards = {};
  if (data) data.cards.forEach(function (card) { cards[card.id] = card; });
  var day = document.body.getAttribute("data-day") || "";
  var preview = null;
  var current = null;
  var openTimer = 0;
  var closeTimer = 0;
  var lastPointer = "";

  function year(iso) { return iso.slice(0, 4); }

  function roleText(card) {
    var roles = card.r || [];
    if (!roles.length) return "";
    if (day) {
      var then = roles.filter(function (r) { return r[1] <= day && (!r[2] || day <= r[2]); });
      if (!then.length) return "";
      return say("atTheTime", "At the time: %(roles)s", {roles: then.map(function (r) {
        return r[2] ? say("until", "%(role)s (until %(year)s)", {role: r[0], year: year(r[2])})
          : r[0];
      }).join("; ")});
    }
    var now = roles.filter(function (r) { return !r[2]; });
    if (now.length) return now.map(function (r) { return r[0]; }).join("; ");
    // All have ended: the one that ended last, whatever order the card lists them in.
    var last = roles.reduce(function (a, b) { return b[2] > a[2] ? b : a; });
    return say("former", "former %(role)s (until %(year)s)",
               {role: last[0], year: year(last[2])});
  }

  function buildPreview() {
    preview = make("div", "card-preview");
    preview.id = "card-preview";
    preview.hidden = true;
    preview.addEventListener("pointerenter", function () { clearTimeout(closeTimer); });
    preview.addEventListener("pointerleave", function (event) {
      if (event.pointerType !== "touch" && !preview.contains(document.activeElement)) hideSoon();
    });
    document.body.appendChild(preview);
  }

  function fill(card, link) {
    if (!preview) buildPreview();
    preview.textContent = "";
    if (card.p) {  /* the portrait, in place of nothing: its name follows */
      var portrait = document.createElement("img");
      portrait.className = "cp-portrait";
      portrait.src = rootUrl + card.p[0];
      portrait.width = card.p[1];
      portrait.height = card.p[2];
      portrait.alt = "";
      preview.appendChild(portrait);
    }
    preview.appendChild(make("p", "cp-name", card.n));
    var text = make("div", "cp-text");
    text.id = "card-preview-text";
    text.appendChild(make("p", "cp-type", card.t + (card.k ? " · " + card.k : "") +
                                          (card.d ? " · " + card.d : "")));
    var role = roleText(card);
    if (role) text.appendChild(make("p", "cp-role", role));
    text.appendChild(make("p", "cp-summary", card.s));
    preview.appendChild(text);
    var more = make("a", "cp-more", say("moreAbout", "More about %(name)s", {name: card.n}));
    more.href = link.getAttribute("href");
    preview.appendChild(more);
  }

  function prepare(link) {
    var card = cards[link.getAttribute("data-card")];
    if (!card) return false;
    if (current === link) return true;
    if (current) current.removeAttribute("aria-describedby");
    fill(card, link);
    current = link;
    link.setAttribute("aria-describedby", "card-preview-text");
    return true;
  }

  function place(link, pointerY) {
    var rects = Array.prototype.slice.call(link.getClientRects());
    var rect = rects.filter(function (r) {
      return pointerY !== undefined && r.top <= pointerY && pointerY <= r.bottom;
    })[0] || rects[0] || link.getBoundingClientRect();
    preview.style.left = "0px";
    preview.style.top = "0px";
    preview.hidden = false;
    var width = preview.offsetWidth;
    var height = preview.offsetHeight;
    var viewWidth = document.documentElement.clientWidth;
    // Under the start of the link: its right edge in a right-to-left language.
    var start = getComputedStyle(link).direction === "rtl" ? rect.right - width : rect.left;
    var left = Math.max(8, Math.min(start, viewWidth - width - 8));
    var top = rect.bottom + 6;
    if (top + height > window.innerHeight && rect.top - height - 6 > 0) {
      top = rect.top - height - 6;
    }
    preview.style.left = Math.round(left + window.scrollX) + "px";
    preview.style.top = Math.round(top + window.scrollY) + "px";
  }

  function showSoon(link, delay, pointerY) {
    clearTimeout(closeTimer);
    if (current === link && preview && !preview.hidden) return;
    clearTimeout(openTimer);
    if (!prepare(link)) return;
    openTimer = setTimeout(function () { place(link, pointerY); }, delay);
  }

  function hide() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (preview) preview.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function hideSoon() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    closeTimer = setTimeout(hide, CLOSE_DELAY);
  }

  function isOpen() { return preview !== null && !preview.hidden; }

  document.addEventListener("pointerover", function (event) {
    var link = closestMention(event.target);
    if (link && event.pointerType !== "touch") showSoon(link, OPEN_DELAY, event.clientY);
  });
  document.addEventListener("pointerout", function (event) {
    var link = closestMention(event.target);
    if (!link || event.pointerType === "touch" || link !== current) return;
    var to = event.relatedTarget;
    if (to && (link.contains(to) || (preview && preview.contains(to)))) return;
    if (link !== document.activeElement) hideSoon();
  });
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType;
    if (event.pointerType === "touch" && isOpen() && !preview.contains(event.target) &&
        closestMention(event.target) !== current) {
      hide();
    }
  });
  document.addEventListener("click", function (event) {
    var link = closestMention(event.target);
    var touch = lastPointer === "touch";
    lastPointer = "";
    if (!link || !touch) return;
    if (current === link && isOpen()) return;  // a second tap follows the link
    if (!prepare(link)) return;
    event.preventDefault();
    clearTimeout(openTimer);
    place(link);
  });
  document.addEventListener("focusin", function (event) {
    var link = closestMention(event.target);
    if (link && lastPointer === "") showSoon(link, OPEN_DELAY);
    else if (preview && preview.contains(event.target)) clearTimeout(closeTimer);
  });
  document.addEventListener("focusout", function (event) {
    if (!current) return;
    var to = event.relatedTarget;
    if (to && (to === current || (preview && preview.contains(to)))) return;
    if (event.target === current || (preview && preview.contains(event.target))) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !current) return;
    if (preview && preview.contains(document.activeElement)) current.focus();
    hide();
  });
  window.addEventListener("resize", function () { if (isOpen()) hide(); });

  /* ---- search -------------------------------------------------------- */

  var entries = null;
  var pagefindLoad = null;
  /* The Pagefind index comes in shards (folders under pagefind/): the first is loaded,
     the others merged into it. */
  var pagefindShards = (data && Array.isArray(data.pagefind)) ? data.pagefind : [];
  var pagefindUsable = pagefindShards.length > 0 && location.protocol !== "file:";

  /* Small letters by the page's language (in Turkish, I is the capital of ı), then
     without accents; a tag the browser does not know falls back to the default rules. */
  var pageLanguage = document.documentElement.lang || undefined;
  try { "".toLocaleLowerCase(pageLanguage); } catch (e) { pageLanguage = undefined; }

  function fold(text) {
    return text.toLocaleLowerCase(pageLanguage).normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc]/g, "'");
  }

  function words(text) { return fold(text).split(/[^\p{L}\p{M}\p{N}']+/u).filter(Boolean); }

  function buildEntries() {
    entries = [];
    if (!data) return;
    data.cards.forEach(function (card) {
      var names = [card.n].concat(card.a || []);
      entries.push({
        name: card.n, type: card.t, summary: card.s, url: rootUrl + card.u,
        names: names, folded: names.map(fold), nameWords: names.map(words),
        textWords: words(card.s + " " + (card.k || "") + " " + card.t)
      });
    });
    data.articles.forEach(function (article) {
      entries.push({
        name: article.n, type: say("article", "Article"), summary: article.d + ". " + article.s,
        url: rootUrl + article.u, names: [article.n], folded: [fold(article.n)],
        nameWords: [words(article.n)], textWords: words(article.s)
      });
    });
  }

  function allPrefixed(query, pool) {
    return query.every(function (q) {
      return pool.some(function (w) { return w.indexOf(q) === 0; });
    });
  }

  function score(entry, text, query) {
    var best = { score: 0, alias: "" };
    entry.folded.forEach(function (name, i) {
      var s = name === text ? 100 : name.indexOf(text) === 0 ? 80 :
        allPrefixed(query, entry.nameWords[i]) ? 60 : 0;
      if (i > 0) s -= 1;  // the card's own name wins a tie with its alias
      var alias = i > 0 && entry.folded[0].indexOf(name) < 0 ? entry.names[i] : "";
      if (s > best.score) best = { score: s, alias: alias };
    });
    if (!best.score && allPrefixed(query, entry.textWords.concat.apply(
      entry.textWords, entry.nameWords))) {
      best.score = 20;
    }
    return best;
  }

  function builtinSearch(text) {
    if (!entries) buildEntries();
    var folded = fold(text.trim());
    var query = words(folded);
    if (!query.length) return [];
    var found = [];
    entries.forEach(function (entry) {
      var s = score(entry, folded, query);
      if (s.score) {
        found.push({ name: entry.name, type: entry.type, url: entry.url,
                     alias: s.alias, summary: entry.summary, score: s.score });
      }
    });
    found.sort(function (a, b) { return b.score - a.score || a.name.localeCompare(b.name); });
    return found;
  }

  function pagefind() {
    if (!pagefindUsable) return Promise.resolve(null);
    if (!pagefindLoad) {
      var base = { baseUrl: new URL(rootUrl).pathname };
      pagefindLoad = import(rootUrl + pagefindShards[0] + "pagefind.js").then(function (module) {
        return Promise.resolve(module.options(base)).then(function () {
          return Promise.all(pagefindShards.slice(1).map(function (shard) {
            return module.mergeIndex(rootUrl + shard, base);
          }));
        }).then(function () { return module; });
      }).catch(function () { pagefindUsable = false; return null; });
    }
    return pagefindLoad;
  }

  function fullTextSearch(text, limit) {
    return pagefind().then(function (module) {
      if (!module) return [];
      return module.search(text).then(function (search) {
        if (!search) return [];
        return Promise.all(search.results.slice(0, limit).map(function (r) { return r.data(); }));
      });
    }).then(function (items) {
      return items.map(function (item) {
        return { name: (item.meta && item.meta.title) || item.url, type: item.meta && item.meta.type,
                 url: new URL(item.url, location.href).href, excerpt: item.excerpt };
      });
    }).catch(function () { return []; });
  }

  /* Copy Pagefind's excerpt as text, keeping only its <mark> highlights. */
  function excerptNode(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = make("p", "search-snippet");
    template.content.childNodes.forEach(function (node) {
      out.appendChild(node.nodeName === "MARK" ? make("mark", "", node.textContent)
        : document.createTextNode(node.textContent));
    });
    return out;
  }

  function resultItem(result) {
    var item = make("li", "search-result");
    var link = make("a", "search-name", result.name);
    link.href = result.url;
    item.appendChild(link);
    if (result.type) item.appendChild(make("span", "search-type", result.type));
    if (result.alias) {
      item.appendChild(make("span", "search-alias",
                            say("alsoCalled", "also called %(alias)s", {alias: result.alias})));
    }
    if (result.excerpt) item.appendChild(excerptNode(result.excerpt));
    else if (result.summary) item.appendChild(make("p", "search-snippet", result.summary));
    return item;
  }

  function samePage(a, b) { return new URL(a).pathname === new URL(b).pathname; }

  function searcher(input, list, status, limit, onDone) {
    var asked = 0;
    return function run() {
      var text = input.value.trim();
      var ticket = ++asked;
      list.textContent = "";
      if (!text) { status.textContent = ""; onDone(0, text); return; }
      var found = builtinSearch(text);
      var shown = found.slice(0, limit);
      shown.forEach(function (r) { list.appendChild(resultItem(r)); });
      var note = pagefindUsable ? "" : location.protocol === "file:"
        ? " " + say("fromFile", "Opened from a file, search covers names, aliases and " +
                    "summaries; full-text search works when the site is served (for " +
                    "example: python3 -m http.server).")
        : "";
      var tell = function (count) {
        status.textContent = (count ? sayCount("results", "%(num)s results for “%(query)s”.",
                                               count, {query: text})
                              : say("noResults", "No results for “%(query)s”.", {query: text}))
                             + note;
        onDone(count, text);
      };
      tell(found.length);
      if (!pagefindUsable) return;
      fullTextSearch(text, limit).then(function (more) {
        if (ticket !== asked) return;
        var extra = more.filter(function (r) {
          return !found.some(function (f) { return samePage(f.url, r.url); });
        });
        var room = limit === Infinity ? extra.length : Math.max(0, limit - shown.length);
        extra.slice(0, room).forEach(function (r) { list.appendChild(resultItem(r)); });
        tell(found.length + extra.length);
      });
    };
  }

  function setUpMenu(form) {
    var input = form.querySelector("input[type=search]");
    var box = form.querySelector(".search-results");
    var status = form.querySelector("[role=status]");
    if (!input || !box || !status) return;
    var list = make("ul", "search-list");
    var all = make("a", "search-all");
    box.appendChild(list);
    box.appendChild(all);
    var run = searcher(input, list, status, MENU_RESULTS, function (count, text) {
      box.hidden = !text;
      all.href = form.action + "?q=" + encodeURIComponent(text);
      all.textContent = count > MENU_RESULTS || pagefindUsable
        ? say("allResults", "All results for “%(query)s”", {query: text})
        : say("searchPage", "Search page");
    });
    input.addEventListener("input", run);
    var closing = false;
    input.addEventListener("focus", function () {
      if (input.value.trim() && !closing) run();
      closing = false;
    });
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(box.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape" && !box.hidden) {
        box.hidden = true;
        closing = document.activeElement !== input;
        input.focus();
        event.stopPropagation();
      } else if (event.key === "ArrowDown" && links.length && !box.hidden) {
        links[Math.min(at + 1, links.length - 1)].focus();
        event.preventDefault();
      } else if (event.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : links[at - 1]).focus();
        event.preventDefault();
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) box.hidden = true;
    });
  }

  function setUpPage() {
    var input = document.getElementById("search-page-q");
    var list = document.getElementById("search-page-results");
    var status = document.getElementById("search-page-status");
    if (!input || !list || !status) return;
    var aToZ = document.querySelector(".a-z");
    var run = searcher(input, list, status, Infinity, function (count, text) {
      if (aToZ) aToZ.hidden = Boolean(text);
      try {
        history.replaceState(null, "", text ? "?q=" + encodeURIComponent(text) : location.pathname);
      } catch (e) { /* file:// pages may not rewrite their own address */ }
    });
    input.value = new URLSearchParams(location.search).get("q") || "";
    input.addEventListener("input", run);
    input.form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    if (input.value) run();
  }

  document.querySelectorAll("form.site-search").forEach(setUpMenu);
  setUpPage();
}());
