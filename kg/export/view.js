/* The network view's controls, legend, search, tooltip and details panel.
 *
 * Reads the page's facts from the inert JSON block #kg-data. Every element is
 * built with createElement and textContent: no text from an article is ever
 * parsed as HTML. Uses pyvis's globals: network, nodes, edges (vis.DataSets).
 * window.kgView.readyAt is set (ms since navigation) when the view can be used.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes, E = data.edges;
  var PAGE = 20;   // quotations listed at a time in the details panel
  var kgView = window.kgView = { ready: false, readyAt: null, settledAt: null, data: data };
  var hiddenKinds = {}, hiddenFacts = {}, nodeHidden = [], edgeHidden = [];
  var incident = N.map(function () { return []; });
  E.forEach(function (e, i) { incident[e.from].push(i); incident[e.to].push(i); });

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word; }
  function kindInfo(kind) { return data.kinds[kind] || data.kinds.Other; }
  function factInfo(kind) { return data.facts[kind] || { colour: data.otherFact, name: kind }; }
  function nodeName(i) { return N[i].name; }

  // ------------------------------------------------------------------ controls
  var controls = add(el("div", "kg-panel"), el("h1", null, data.title));
  controls.id = "kg-controls";
  var articles = data.articles.length;
  add(controls, el("div", "kg-stats", plural(N.length, "nodes") + " · " + plural(E.length, "edges") +
      (articles ? " · " + plural(articles, articles === 1 ? "article" : "articles") : "")));
  if (data.total) add(controls, el("div", "kg-note", "Showing the " + plural(N.length, "most connected nodes") +
      " of " + data.total.toLocaleString("en") + ". For the rest, write a focused view: kg view --focus NAME."));
  if (data.focus) add(controls, el("div", "kg-note", "Everything within " + data.depth + " facts of " + data.focus + "."));
  if (data.query) add(controls, el("div", "kg-note", "The graph of a query: " + data.query.slice(0, 300)));

  var search = el("input");
  search.id = "kg-search";
  search.type = "search";
  search.placeholder = "Find a name…";
  search.setAttribute("aria-label", "find a node by name");
  var matches = el("div", "kg-matches");
  add(controls, el("h3", null, "Search"), search, matches);

  function counter(list, key) {
    var c = {};
    list.forEach(function (x) { c[x[key]] = (c[x[key]] || 0) + 1; });
    return c;
  }
  function checkboxes(title, counts, known, info, hidden, swatch) {
    add(controls, el("h3", null, title));
    var order = Object.keys(known).filter(function (k) { return counts[k]; });
    Object.keys(counts).sort().forEach(function (k) { if (order.indexOf(k) < 0) order.push(k); });
    order.forEach(function (kind) {
      var row = el("label", "kg-row"), box = el("input"), mark = el("span", swatch);
      box.type = "checkbox";
      box.checked = true;
      box.dataset.kind = kind;
      mark.style.background = info(kind).colour;
      box.addEventListener("change", function () { hidden[kind] = !box.checked; applyFilters(); });
      add(controls, add(row, box, mark, el("span", null, info(kind).name), el("span", "kg-count", counts[kind])));
    });
  }
  checkboxes("Nodes", counter(N, "kind"), data.kinds, kindInfo, hiddenKinds, "kg-dot");
  checkboxes("Facts", counter(E, "kind"), data.facts, factInfo, hiddenFacts, "kg-line");

  add(controls, el("h3", null, "Layout"));
  var physicsRow = el("label", "kg-row"), physics = el("input");
  physics.type = "checkbox";
  physics.id = "kg-physics";
  physics.checked = !!data.physics;   // until the first run is over
  physics.addEventListener("change", function () { network.setOptions({ physics: { enabled: physics.checked } }); });
  add(controls, add(physicsRow, physics, el("span", null, data.large ? "physics (slow on a graph this size)" : "physics (nodes pull and push as you drag)")));
  var fit = el("button", "kg-link", "fit the whole graph in view");
  fit.addEventListener("click", function () { network.fit({ animation: false }); });
  add(controls, fit, el("div", "kg-muted", "Click a node or an edge for its facts and their evidence; scroll to zoom, drag to move."));
  document.body.appendChild(controls);

  // ------------------------------------------------------------------ filters
  function applyFilters() {
    var anyFact = Object.keys(hiddenFacts).some(function (k) { return hiddenFacts[k]; });
    var nodeUpdates = [], edgeUpdates = [], edgeShown = [];
    E.forEach(function (e, i) {
      edgeShown[i] = !hiddenFacts[e.kind] && !hiddenKinds[N[e.from].kind] && !hiddenKinds[N[e.to].kind];
    });
    N.forEach(function (n, i) {
      var show = !hiddenKinds[n.kind];
      if (show && anyFact && incident[i].length) show = incident[i].some(function (j) { return edgeShown[j]; });
      if (!!nodeHidden[i] === show) { nodeHidden[i] = !show; nodeUpdates.push({ id: i, hidden: !show }); }
    });
    E.forEach(function (e, i) {
      var show = edgeShown[i] && !nodeHidden[e.from] && !nodeHidden[e.to];
      if (!!edgeHidden[i] === show) { edgeHidden[i] = !show; edgeUpdates.push({ id: i, hidden: !show }); }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }

  // ------------------------------------------------------------------ search
  var haystack = N.map(function (n) { return [n.name].concat(n.aliases || []).join("\n").toLowerCase(); });
  function findNodes(text) {
    var want = text.trim().toLowerCase(), exact = [], partial = [];
    if (!want) return [];
    N.forEach(function (n, i) {
      if (n.name.toLowerCase() === want) exact.push(i);
      else if (haystack[i].indexOf(want) >= 0) partial.push(i);
    });
    partial.sort(function (a, b) { return incident[b].length - incident[a].length; });
    return exact.concat(partial);
  }
  function showMatches() {
    matches.replaceChildren();
    var found = findNodes(search.value);
    found.slice(0, 12).forEach(function (i) { add(matches, nodeLink(i, "kg-link")); });
    if (found.length > 12) add(matches, el("div", "kg-muted", "and " + (found.length - 12) + " more"));
    if (search.value.trim() && !found.length) add(matches, el("div", "kg-muted", "no node has that name"));
  }
  search.addEventListener("input", showMatches);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var found = findNodes(search.value); if (found.length) select(found[0]); }
  });

  function select(i) {
    if (nodeHidden[i]) {   // a hidden node is shown again with its kind
      hiddenKinds[N[i].kind] = false;
      hiddenFacts = {};
      Array.prototype.forEach.call(controls.querySelectorAll("input[type=checkbox][data-kind]"),
        function (box) { box.checked = !hiddenKinds[box.dataset.kind]; });
      applyFilters();
    }
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 400 } });
    showNode(i);
  }
  function nodeLink(i, className) {
    var b = el("button", className || "kg-link kg-inline", nodeName(i));
    b.title = kindInfo(N[i].kind).name;
    b.addEventListener("click", function () { select(i); });
    return b;
  }

  // ------------------------------------------------------------------ details
  var details = el("div", "kg-panel"), close = el("button", "kg-close", "×"), body = el("div");
  details.id = "kg-details";
  close.setAttribute("aria-label", "close");
  close.addEventListener("click", function () { details.style.display = "none"; network.unselectAll(); });
  add(document.body, add(details, close, body));

  function source(ev) {
    var a = data.articles[ev.article], parts = [];
    if (a) {
      if (a.title) parts.push(a.title);
      parts.push(a.file);
      if (a.date) parts.push(a.date);
    }
    if (ev.observed && !(a && a.date)) parts.push("as of " + ev.observed);
    if (ev.confidence !== undefined) parts.push("confidence " + ev.confidence);
    return el("div", "kg-source", parts.join(" · "));
  }
  function fact(label, evidence, colour) {
    var box = el("div", "kg-fact");
    box.style.borderLeftColor = colour || "#ccc";
    if (label) add(box, label);
    (evidence || []).forEach(function (ev) {
      add(box, el("blockquote", null, "“" + ev.text + "”" + (ev.value ? "  (" + ev.value + ")" : "")), source(ev));
    });
    return box;
  }
  function edgeLine(j, from) {
    var e = E[j], line = el("div");
    if (from) add(line, nodeLink(e.from), document.createTextNode(" "));
    add(line, el("b", null, e.label));
    if (!from) add(line, document.createTextNode(" "), nodeLink(e.to));
    return line;
  }
  function section(title, items, count) {
    if (!items.length) return;
    add(body, el("h3", null, title + " (" + (count || items.length) + ")"));
    items.forEach(function (x) { add(body, x); });
  }
  function header(name, kind) {
    body.replaceChildren();
    var badge = el("span", "kg-badge", kindInfo(kind).name);
    badge.style.background = kindInfo(kind).colour;
    add(body, el("h2", null, name), badge);
    details.style.display = "block";
    details.scrollTop = 0;
  }
  function showNode(i) {
    var n = N[i];
    if (n.kind === "Quote") return showQuote(i);
    header(n.name, n.kind);
    var facts = [];
    if (n.aliases && n.aliases.length) facts.push("also called " + n.aliases.join(", "));
    if (n.date) facts.push("date " + n.date);
    if (n.mentions) facts.push(plural(n.mentions, n.mentions === 1 ? "mention" : "mentions"));
    if (n.iri) facts.push(n.iri);
    if (facts.length) add(body, el("div", "kg-muted", facts.join(" · ")));
    var groups = {};
    incident[i].forEach(function (j) {
      var e = E[j], out = e.from === i, key = e.kind + (out ? ">" : "<");
      if (e.kind === "said" && out) return;
      (groups[key] = groups[key] || []).push(fact(edgeLine(j, !out), e.evidence, factInfo(e.kind).colour));
    });
    section("Roles", groups["role>"] || []);
    section("Members", groups["role<"] || []);
    var quotes = incident[i].filter(function (j) { return E[j].kind === "said" && E[j].from === i; });
    var more = n.more_quotes || [];
    section("Quotations", quotes.map(function (j) { return quoteFact(E[j].to); }),
      more.length ? (quotes.length + more.length) + "; " + quotes.length + " drawn, the longest" : null);
    if (more.length) pager(more, quoteItem);
    section("Outcomes", (groups["outcome>"] || []).concat(groups["outcome<"] || []));
    section("Places", (groups["place>"] || []).concat(groups["place<"] || []));
    (n.facts || []).forEach(function (f) { section("Also", [fact(el("b", null, f.label), [f], factInfo(f.kind).colour)]); });
    Object.keys(groups).filter(function (k) { return !/^(role|outcome|place)[<>]$/.test(k); }).forEach(function (k) {
      section(k.slice(0, -1) + (k.slice(-1) === ">" ? "" : " (from)"), groups[k]);
    });
    if (n.props && n.props.length) section("Properties", n.props.map(function (p) {
      return add(el("div"), el("b", null, p[0] + " "), document.createTextNode(p[1]));
    }));
  }
  function quoteFact(q) {
    var n = N[q], box = fact(null, [], factInfo("said").colour), show = el("button", "kg-link kg-inline", "show");
    show.addEventListener("click", function () { select(q); });
    add(box, add(el("div", "kg-muted", [n.cue, n.quote_type].filter(Boolean).join(" · ") + " · "), show),
        el("blockquote", null, "“" + n.text + "”"), source(n));
    return box;
  }
  function quoteItem(q) {   // a quotation that is listed but not drawn
    var box = fact(null, [], factInfo("said").colour);
    add(box, el("div", "kg-muted", [q.cue, q.quote_type].filter(Boolean).join(" · ")),
        el("blockquote", null, "“" + q.text + "”"), source(q));
    return box;
  }
  function pager(items, render) {   // PAGE items at a time, then a button for the next PAGE
    var list = el("div", "kg-pager"), shown = 0, more = el("button", "kg-link kg-more");
    function next() {
      items.slice(shown, shown + PAGE).forEach(function (x) { add(list, render(x)); });
      shown = Math.min(items.length, shown + PAGE);
      more.textContent = "show " + Math.min(PAGE, items.length - shown) + " more (" + shown + " of " + items.length + " listed)";
      more.style.display = shown < items.length ? "" : "none";
    }
    more.addEventListener("click", next);
    add(body, list, more);
    next();
  }
  function showQuote(i) {
    var n = N[i];
    header("Quotation", n.kind);
    var said = incident[i].filter(function (j) { return E[j].to === i; });
    var who = el("div");
    said.forEach(function (j) { add(who, nodeLink(E[j].from), document.createTextNode(" " + E[j].label + ":")); });
    add(body, who, add(fact(null, [], factInfo("said").colour), el("blockquote", null, "“" + n.text + "”"), source(n)));
    add(body, el("div", "kg-muted", (n.quote_type || "direct") + " quotation"));
    if (n.about && n.about.length) add(body, el("div", "kg-muted", "about " + n.about.join(", ")));
  }
  function showEdge(j) {
    var e = E[j];
    header(e.label, N[e.from].kind);
    body.querySelector(".kg-badge").textContent = factInfo(e.kind).name;
    body.querySelector(".kg-badge").style.background = factInfo(e.kind).colour;
    add(body, add(el("div"), nodeLink(e.from), document.createTextNode(" → "), nodeLink(e.to)));
    if (e.evidence.length) section("Evidence", [fact(null, e.evidence, factInfo(e.kind).colour)]);
    else if (e.kind === "said") add(body, quoteFact(e.to));
  }

  // ------------------------------------------------------------------ tooltip
  var tip = el("div");
  tip.id = "kg-tooltip";
  document.body.appendChild(tip);
  function summary(i) {
    var n = N[i];
    if (n.kind === "Quote") return (n.text.length > 280 ? n.text.slice(0, 278) + "…" : n.text);
    var lines = [], roles = incident[i].filter(function (j) { return E[j].kind === "role" && E[j].from === i; });
    roles.slice(0, 4).forEach(function (j) { lines.push(E[j].label + ", " + nodeName(E[j].to)); });
    if (n.quotes) lines.push(plural(n.quotes, n.quotes === 1 ? "quotation" : "quotations"));
    lines.push(plural(incident[i].length, incident[i].length === 1 ? "fact" : "facts") + " · click for details");
    return lines.join("\n");
  }
  function showTip(text, title, pointer) {
    tip.replaceChildren(add(el("b", null, title)), document.createTextNode(text));
    var box = network.body.container.getBoundingClientRect();
    tip.style.left = Math.min(box.left + pointer.x + 14, window.innerWidth - 350) + "px";
    tip.style.top = (box.top + pointer.y + 14) + "px";
    tip.style.display = "block";
  }
  network.on("hoverNode", function (p) {
    var n = N[p.node];
    showTip(summary(p.node), n.kind === "Quote" ? "Quotation" : n.name + " (" + kindInfo(n.kind).name + ")", p.pointer.DOM);
  });
  network.on("hoverEdge", function (p) {
    var e = E[p.edge];
    showTip(e.evidence.length ? "“" + e.evidence[0].text + "”" : "", nodeName(e.from) + " " + e.label + " " +
      (N[e.to].kind === "Quote" ? "a quotation" : nodeName(e.to)), p.pointer.DOM);
  });
  network.on("blurNode", function () { tip.style.display = "none"; });
  network.on("blurEdge", function () { tip.style.display = "none"; });
  network.on("dragStart", function () { tip.style.display = "none"; });
  network.on("click", function (p) {
    tip.style.display = "none";
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else details.style.display = "none";
  });

  // ------------------------------------------------------------------ ready
  function markReady() {
    network.once("afterDrawing", function () {
      kgView.ready = true;
      kgView.readyAt = performance.now();
    });
    network.redraw();
  }
  var moved = false;   // once the reader zooms or drags, the view stays where they put it
  var arrows = !data.large;
  network.on("zoom", function () {
    moved = true;
    if (data.large && arrows !== network.getScale() > 0.4) {
      arrows = !arrows;
      network.setOptions({ edges: { arrows: { to: { enabled: arrows } } } });
    }
  });
  network.on("dragStart", function () { moved = true; });
  network.on("stabilized", function () {   // physics switched on by the reader came to rest
    kgView.settledAt = performance.now();
    if (!moved) network.fit({ animation: false });
  });
  if (data.physics) {   // a short hidden run of physics tidies the precomputed layout, then it is switched off
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      physics.checked = false;
      kgView.settledAt = performance.now();
      network.fit({ animation: false });
      markReady();
    });
    network.stabilize(100);
  } else {
    network.fit({ animation: false });
    markReady();
  }
})();
