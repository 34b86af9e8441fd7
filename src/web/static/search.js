// reel's search suggestions: the header's search box (a plain GET form to /search
// that works without this script) asks /api/v1/search/suggest as the reader types
// and shows up to 8 names in a listbox. Arrow keys move through them, Enter opens
// the one chosen (or searches), Escape closes the list. ARIA 1.2 combobox pattern.
(function () {
  "use strict";
  var input = document.getElementById("site-search-q");
  var list = document.getElementById("site-search-list");
  if (!input || !list || !window.fetch) return;
  var items = [], active = -1, timer = null, asked = "";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function mark(i) {
    active = i;
    for (var k = 0; k < list.children.length; k++) {
      list.children[k].setAttribute("aria-selected", k === i ? "true" : "false");
    }
    if (i >= 0) input.setAttribute("aria-activedescendant", "site-search-opt-" + i);
    else input.removeAttribute("aria-activedescendant");
  }

  function show(results) {
    items = results;
    list.textContent = "";
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.id = "site-search-opt-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.className = "suggest-name";
      name.textContent = r.name;
      var meta = document.createElement("span");
      meta.className = "suggest-meta";
      meta.textContent = r.kind_label + (r.year ? " · " + r.year : "");
      li.appendChild(name);
      li.appendChild(meta);
      li.addEventListener("mousedown", function (e) {
        e.preventDefault();
        window.location.href = r.path;
      });
      list.appendChild(li);
    });
    if (results.length === 0) return close();
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    mark(-1);
  }

  function ask() {
    var q = input.value.trim();
    if (q === asked) return;
    asked = q;
    if (q.length < 2) return show([]);
    fetch("/api/v1/search/suggest?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : { results: [] }; })
      .then(function (body) { if (input.value.trim() === q) show(body.results || []); })
      .catch(function () { show([]); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && items.length) {
      e.preventDefault();
      if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      mark((active + 1) % items.length);
    } else if (e.key === "ArrowUp" && items.length) {
      e.preventDefault();
      mark(active <= 0 ? items.length - 1 : active - 1);
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); close(); }
    } else if (e.key === "Enter" && active >= 0 && !list.hidden) {
      e.preventDefault();
      window.location.href = items[active].path;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
