// The link graph (Cytoscape.js): incidents, actors, outlets and statements. Selecting a
// node shows it in the side panel; "Expand" fetches its neighbours from /api/graph and
// adds them. Labels are drawn on a canvas and the side panel is built with textContent,
// so report text stays text.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof cytoscape === "undefined") return;
  var data = JSON.parse(source.textContent);
  var list = document.getElementById("graph-nodes");
  var detail = document.getElementById("graph-detail");
  var expanded = {};
  var COLOURS = { event: "#b3261e", actor: "#1f5fa8", outlet: "#1e6b3a", statement: "#8a5a00" };
  var SHAPES = { event: "diamond", actor: "ellipse", outlet: "round-rectangle", statement: "round-tag" };

  function elements(graph) {
    var out = [];
    graph.nodes.forEach(function (n) { out.push({ group: "nodes", data: n, classes: n.kind }); });
    graph.edges.forEach(function (e) { out.push({ group: "edges", data: e }); });
    return out;
  }

  var style = [
    { selector: "node", style: {
      label: "data(label)", "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 140,
      "text-valign": "bottom", "text-margin-y": 4, width: 18, height: 18, color: "#1b1f24",
    } },
    { selector: "edge", style: {
      width: 1.2, "line-color": "#b7c0ca", "target-arrow-color": "#b7c0ca",
      "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)",
      "font-size": 8, color: "#5a6472", "text-rotation": "autorotate",
    } },
    { selector: "node:selected", style: { "border-width": 3, "border-color": "#f0a500" } },
    { selector: ".hidden", style: { display: "none" } },
  ];
  Object.keys(COLOURS).forEach(function (kind) {
    style.push({ selector: "node." + kind, style: { "background-color": COLOURS[kind], shape: SHAPES[kind] } });
  });
  style.push({ selector: "node.center", style: { width: 28, height: 28, "font-weight": "bold" } });

  var cy = cytoscape({ container: holder, elements: elements(data), style: style });
  cy.getElementById(data.center).addClass("center");
  expanded[data.center] = true;

  function layout(first) {
    cy.layout({
      name: "cose", animate: false, randomize: !!first, fit: true, padding: 30,
      nodeRepulsion: function () { return 600000; }, idealEdgeLength: function () { return 110; },
      nodeOverlap: 40, componentSpacing: 120, gravity: 40, numIter: 1500,
    }).run();
  }

  function show(node) {
    var d = node.data();
    detail.textContent = "";
    var head = document.createElement("h2");
    head.textContent = d.label;
    detail.appendChild(head);
    var kind = document.createElement("p");
    kind.textContent = d.kind + (d.detail && d.detail !== d.label ? " · " + d.detail : "");
    detail.appendChild(kind);
    if (d.href && d.href.charAt(0) === "/") {
      var open = document.createElement("a");
      open.href = d.href;
      open.textContent = "Open its page";
      detail.appendChild(open);
      detail.appendChild(document.createTextNode(" "));
    }
    if (!expanded[d.id]) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Expand";
      button.addEventListener("click", function () { expand(d.id); });
      detail.appendChild(button);
    }
  }

  function listItem(n) {
    var li = document.createElement("li");
    li.setAttribute("data-node", n.id);
    li.className = "kind-" + n.kind;
    var badge = document.createElement("span");
    badge.className = "badge kind";
    badge.textContent = n.kind;
    li.appendChild(badge);
    li.appendChild(document.createTextNode(" "));
    var pick = document.createElement("button");
    pick.type = "button";
    pick.className = "link pick";
    pick.textContent = n.label;
    li.appendChild(pick);
    li.appendChild(document.createTextNode(" "));
    var more = document.createElement("a");
    more.className = "expand";
    more.href = "/graph?node=" + encodeURIComponent(n.id);
    more.textContent = "Expand";
    li.appendChild(more);
    return li;
  }

  function rebuildList() {
    list.textContent = "";
    cy.nodes().forEach(function (node) { list.appendChild(listItem(node.data())); });
  }

  function expand(id) {
    if (expanded[id]) return Promise.resolve();
    expanded[id] = true;
    holder.classList.add("busy");
    return fetch(holder.getAttribute("data-api") + "?node=" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (graph) {
        if (!graph.nodes) throw new Error((graph.error && graph.error.message) || "no nodes");
        var fresh = elements(graph).filter(function (el) { return cy.getElementById(el.data.id).empty(); });
        var at = cy.getElementById(id).position();
        fresh.forEach(function (el) { if (el.group === "nodes") el.position = { x: at.x + (Math.random() - 0.5) * 80, y: at.y + (Math.random() - 0.5) * 80 }; });
        cy.add(fresh);
        applyKinds();
        layout();
        rebuildList();
        show(cy.getElementById(id));
        holder.setAttribute("data-expanded", Object.keys(expanded).join(" "));
      })
      .catch(function (error) {
        expanded[id] = false;
        detail.textContent = "Could not expand: " + error.message;
      })
      .finally(function () { holder.classList.remove("busy"); });
  }

  function applyKinds() {
    var shown = {};
    document.querySelectorAll("#graph-kinds input[name=kind]").forEach(function (box) { shown[box.value] = box.checked; });
    cy.nodes().forEach(function (node) {
      node.toggleClass("hidden", shown[node.data("kind")] === false);
    });
    document.querySelectorAll("#graph-nodes li").forEach(function (li) {
      li.hidden = shown[(li.className.match(/kind-(\w+)/) || [])[1]] === false;
    });
  }

  cy.on("tap", "node", function (evt) { show(evt.target); });
  cy.on("dbltap", "node", function (evt) { expand(evt.target.id()); });
  list.addEventListener("click", function (evt) {
    var item = evt.target.closest("li[data-node]");
    if (!item) return;
    var node = cy.getElementById(item.getAttribute("data-node"));
    if (evt.target.classList.contains("expand")) {
      evt.preventDefault();
      expand(node.id());
    } else if (evt.target.classList.contains("pick")) {
      cy.nodes().unselect();
      node.select();
      show(node);
    }
  });
  document.getElementById("graph-kinds").addEventListener("change", applyKinds);

  layout(true);
  rebuildList();
  show(cy.getElementById(data.center));
  holder.crosscheckGraph = cy; // for the browser tests
  holder.classList.add("ready");
})();
