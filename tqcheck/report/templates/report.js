(function () {
  "use strict";
  // Presentation only: filters, search, sort, linked highlights and keyboard navigation over what the page
  // already shows. Nothing here writes markup from text: only classList, hidden and element order change.
  var d = document;
  var list = d.getElementById("segments");
  if (!list) { return; }
  var each = function (nodes, fn) { Array.prototype.forEach.call(nodes, fn); };
  var rows = Array.prototype.map.call(list.querySelectorAll("article.seg"), function (el) {
    return {
      el: el,
      pos: +el.getAttribute("data-n"),
      flags: Array.prototype.map.call(el.querySelectorAll("li.flag"), function (li) {
        return { el: li, check: li.getAttribute("data-c"), sev: li.getAttribute("data-v"), id: li.getAttribute("data-l") };
      }),
      marks: null,
      text: null
    };
  });
  var search = d.getElementById("q");
  var only = d.getElementById("only-flagged");
  var sort = d.getElementById("sort");
  var count = d.getElementById("count");
  var noMatch = d.getElementById("no-match");
  var filters = d.querySelectorAll("input[data-filter]");

  // Searching ignores case, Arabic diacritics and tatweel, hamza forms of alef, and the digit script.
  var arabicDigits = "٠١٢٣٤٥٦٧٨٩";
  function norm(s) {
    return s.normalize("NFKC").toLowerCase()
      .replace(/[\u064B-\u065F\u0670\u0640\u200E\u200F]/g, "")
      .replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي")
      .replace(/[٠-٩]/g, function (c) { return String(arabicDigits.indexOf(c)); });
  }

  function selected(kind) {
    var on = {}, all = true;
    each(filters, function (input) {
      if (input.getAttribute("data-filter") === kind) {
        on[input.value] = input.checked;
        all = all && input.checked;
      }
    });
    return { on: on, all: all };
  }

  function marksOf(r) {
    if (r.marks === null) {
      r.marks = Array.prototype.map.call(r.el.querySelectorAll(".cells [data-l]"), function (el) {
        var ids = el.getAttribute("data-l").split(" ");
        return { el: el, flags: ids.filter(function (id) { return id.charAt(0) === "f"; }), match: ids.some(function (id) { return id.charAt(0) === "m"; }) };
      });
    }
    return r.marks;
  }

  function apply() {
    var checks = selected("check"), sevs = selected("sev");
    var narrow = !(checks.all && sevs.all);
    var q = search ? norm(search.value.trim()) : "";
    var onlyFlagged = only && only.checked;
    var shown = 0, flagsShown = 0;
    rows.forEach(function (r) {
      var active = 0, off = {};
      r.flags.forEach(function (f) {
        var on = checks.on[f.check] !== false && sevs.on[f.sev] !== false;
        f.el.hidden = !on;
        if (on) { active += 1; } else { off[f.id] = true; }
      });
      if (r.flags.length) {
        marksOf(r).forEach(function (m) {
          var dim = !m.match && m.flags.length > 0 && m.flags.every(function (id) { return off[id]; });
          m.el.classList.toggle("off", dim);
        });
      }
      var visible = !(onlyFlagged || narrow) || active > 0;
      if (visible && q) {
        if (r.text === null) { r.text = norm(r.el.querySelector(".cells").textContent); }
        visible = r.text.indexOf(q) !== -1;
      }
      r.el.hidden = !visible;
      if (visible) { shown += 1; flagsShown += active; }
    });
    if (count) {
      count.textContent = shown + " of " + rows.length + " segments · " + flagsShown + " flag" + (flagsShown === 1 ? "" : "s");
    }
    if (noMatch) { noMatch.hidden = shown > 0 || rows.length === 0; }
    each(d.querySelectorAll(".bar[data-check]"), function (g) {
      g.classList.toggle("on", !checks.all && checks.on[g.getAttribute("data-check")] === true);
    });
  }

  function reorder() {
    var value = sort ? sort.value : "";
    var order = rows.slice();
    if (value) {
      var parts = value.split(":"), attr = "data-s" + parts[0], dir = parts[1] === "desc" ? -1 : 1;
      var key = function (r) { var v = r.el.getAttribute(attr); return v === null ? null : parseFloat(v); };
      order.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === null || y === null) { return (x === null) - (y === null) || a.pos - b.pos; }
        return (x - y) * dir || a.pos - b.pos;
      });
    } else {
      order.sort(function (a, b) { return a.pos - b.pos; });
    }
    var frag = d.createDocumentFragment();
    order.forEach(function (r) { frag.appendChild(r.el); });
    list.appendChild(frag);
  }

  // Linked highlights: every element of a segment that shares an id in data-l lights up together.
  function light(el, on, cls) {
    var seg = el.closest("article.seg");
    if (!seg) { return; }
    el.getAttribute("data-l").split(" ").forEach(function (id) {
      if (!/^[fm][0-9]+-[0-9]+$/.test(id)) { return; }
      each(seg.querySelectorAll('[data-l~="' + id + '"]'), function (x) { x.classList.toggle(cls, on); });
    });
  }
  list.addEventListener("mouseover", function (e) {
    var el = e.target.closest && e.target.closest("[data-l]");
    if (el) { light(el, true, "lit"); }
  });
  list.addEventListener("mouseout", function (e) {
    var el = e.target.closest && e.target.closest("[data-l]");
    if (el) { light(el, false, "lit"); each(list.querySelectorAll(".pin"), function (p) { p.classList.add("lit"); }); }
  });
  list.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-l]");
    if (!el) { return; }
    var pinned = el.classList.contains("pin");
    each(list.querySelectorAll(".pin"), function (p) { p.classList.remove("pin", "lit"); });
    if (!pinned) { light(el, true, "pin"); light(el, true, "lit"); }
  });

  // Keyboard navigation between the flags that are shown: j/n next, k/p previous, / search, Esc leaves it.
  var current = null;
  function go(step) {
    var flags = list.querySelectorAll("article.seg:not([hidden]) li.flag:not([hidden])");
    if (!flags.length) { return; }
    var i = Array.prototype.indexOf.call(flags, current);
    i = i === -1 ? (step > 0 ? 0 : flags.length - 1) : Math.min(flags.length - 1, Math.max(0, i + step));
    if (current) {
      light(current, false, "lit");
      current.classList.remove("current");
      var oldSeg = current.closest("article.seg");
      if (oldSeg) { oldSeg.classList.remove("current"); }
    }
    current = flags[i];
    current.classList.add("current");
    current.closest("article.seg").classList.add("current");
    light(current, true, "lit");
    current.focus({ preventScroll: true });
    current.scrollIntoView({ block: "center" });
  }
  d.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      if (e.key === "Escape" && e.target === search) { search.value = ""; apply(); search.blur(); }
      return;
    }
    if (e.key === "j" || e.key === "n") { e.preventDefault(); go(1); }
    else if (e.key === "k" || e.key === "p") { e.preventDefault(); go(-1); }
    else if (e.key === "/" && search) { e.preventDefault(); search.focus(); }
  });

  // A bar of the flags chart shows only that check; the same bar again shows all checks.
  function barFilter(g) {
    var check = g.getAttribute("data-check");
    var inputs = Array.prototype.filter.call(filters, function (i) { return i.getAttribute("data-filter") === "check"; });
    var soloAlready = inputs.every(function (i) { return i.checked === (i.value === check); });
    inputs.forEach(function (i) { i.checked = soloAlready || i.value === check; });
    apply();
  }
  each(d.querySelectorAll(".bar[data-check]"), function (g) {
    g.addEventListener("click", function () { barFilter(g); });
    g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); barFilter(g); } });
  });

  var timer = 0;
  if (search) {
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  }
  each(filters, function (input) { input.addEventListener("change", apply); });
  if (only) { only.addEventListener("change", apply); }
  if (sort) { sort.addEventListener("change", reorder); }
  apply();
})();
