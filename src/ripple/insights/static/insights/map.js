// The ripple map: Cytoscape.js (vendored) draws the graph the page carries as JSON
// (<script type="application/json" id="ripple-graph">). Cytoscape's one injected <style> is not needed:
// the page's stylesheet link has the id Cytoscape looks for, and app.css holds its one rule, so the CSP
// stays strict. Colour is the department (a legend names them); size is how many learned from a person.
(function () {
  "use strict";
  var PALETTE = ["#4f46e5", "#0891b2", "#d97706", "#16a34a", "#db2777", "#7c3aed", "#dc2626", "#0d9488",
    "#ca8a04", "#2563eb", "#9333ea", "#65a30d"];
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function init() {
    var source = document.getElementById("ripple-graph");
    var box = document.getElementById("ripple-map");
    if (!source || !box || typeof window.cytoscape === "undefined") return;
    var graph = JSON.parse(source.textContent);
    var groups = [], colour = {}, byId = {};
    graph.nodes.forEach(function (n) {
      byId[n.id] = n;
      if (!(n.group in colour)) { colour[n.group] = PALETTE[groups.length % PALETTE.length]; groups.push(n); }
    });
    var maxIn = Math.max.apply(null, graph.nodes.map(function (n) { return n.in; }).concat([1]));
    var elements = graph.nodes.map(function (n) {
      return { data: { id: n.id, label: n.label, colour: colour[n.group], size: 14 + 34 * Math.sqrt(n.in / maxIn) } };
    }).concat(graph.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target, width: Math.min(1 + Math.log2(e.events + 1), 6) } };
    }));
    var cy = window.cytoscape({
      container: box, elements: elements, wheelSensitivity: 0.3,
      layout: graph.nodes.length <= 400 ? { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 } : { name: "concentric", animate: false },
      style: [
        { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
          label: "data(label)", "font-size": 9, color: "#374151", "text-valign": "bottom", "text-margin-y": 3,
          "border-width": 1, "border-color": "#fff" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "#cbd5e1", "target-arrow-color": "#94a3b8",
          "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8 } },
        { selector: ".faded", style: { opacity: 0.15 } },
        { selector: "node.picked", style: { "border-width": 4, "border-color": "#111827" } },
      ],
    });
    var legend = document.getElementById("map-legend");
    groups.forEach(function (n) {
      var item = el("span", "", "legend-item");
      var dot = el("span", "", "legend-dot legend-" + (groups.indexOf(n) % PALETTE.length));
      item.appendChild(dot); item.appendChild(document.createTextNode(n.department || "—"));
      legend.appendChild(item);
    });
    function list(title, ids) {
      var s = el("div");
      s.appendChild(el("h3", title + " (" + ids.length + ")"));
      if (!ids.length) { s.appendChild(el("p", "Nobody in this period.", "muted")); return s; }
      var ul = el("ul", undefined, "plain-list");
      ids.forEach(function (id) {
        var li = el("li"); var b = el("button", byId[id].label, "linkish");
        b.type = "button"; b.setAttribute("data-node", id);
        li.appendChild(b); li.appendChild(el("span", " " + (byId[id].department || ""), "muted small"));
        ul.appendChild(li);
      });
      s.appendChild(ul);
      return s;
    }
    function pick(id) {
      var node = cy.getElementById(id);
      if (!node || node.empty()) return;
      var n = byId[id];
      var from = node.incomers("node").map(function (x) { return x.id(); });
      var to = node.outgoers("node").map(function (x) { return x.id(); });
      cy.elements().addClass("faded").removeClass("picked");
      node.closedNeighborhood().removeClass("faded");
      node.addClass("picked");
      var panel = document.getElementById("person-panel");
      panel.replaceChildren();
      var h = el("h2", n.label); panel.appendChild(h);
      panel.appendChild(el("p", (n.department || "") + " · " + n["in"] + " learned from them · they learned from " + n.out, "muted"));
      if (n.person) { var a = el("a", "Profile"); a.href = "/people/" + n.person + "/"; panel.appendChild(a); }
      panel.appendChild(list("Learned from", from));
      panel.appendChild(list("Learned from them", to));
    }
    cy.on("tap", "node", function (evt) { pick(evt.target.id()); });
    cy.on("tap", function (evt) { if (evt.target === cy) cy.elements().removeClass("faded picked"); });
    document.addEventListener("click", function (evt) {
      var t = evt.target.closest && evt.target.closest("[data-node]");
      if (t) { pick(t.getAttribute("data-node")); box.scrollIntoView({ block: "nearest" }); }
    });
    window.rippleMap = cy;  // for the browser tests
  }
  document.addEventListener("DOMContentLoaded", init);
})();
