// The incident map: country outlines from the vendored Natural Earth file (no tile server),
// one marker per incident sized by its death toll, clustered where they crowd.
// Report text (names, places) only ever reaches the page through textContent and
// Leaflet's title/alt properties, never as HTML.
(function () {
  "use strict";
  var holder = document.getElementById("map");
  var source = document.getElementById("map-data");
  if (!holder || !source || typeof L === "undefined") return;
  var data = JSON.parse(source.textContent);

  var map = L.map(holder, { worldCopyJump: true, zoomSnap: 0.5, minZoom: 1.5, maxZoom: 12 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  map.createPane("outlines").style.zIndex = 250;
  map.setView([30, 30], 2);

  fetch(holder.getAttribute("data-outlines"))
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        pane: "outlines",
        interactive: false,
        style: { color: "#8a96a3", weight: 0.8, fillColor: "#f1efe8", fillOpacity: 1 },
        onEachFeature: function (feature, layer) {
          layer.on("add", function () {
            var el = layer.getElement && layer.getElement();
            if (el) el.setAttribute("data-country", (feature.properties && feature.properties.name) || "");
          });
        },
      }).addTo(map);
      holder.classList.add("outlined");
    })
    .catch(function () { holder.classList.add("no-outlines"); });

  function size(point) {
    if (!point.toll) return 14;
    return Math.round(Math.min(56, 14 + 3 * Math.sqrt(point.toll)));
  }

  function line(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }

  function popup(point) {
    var box = document.createElement("div");
    box.className = "map-popup";
    box.appendChild(line("strong", point.name));
    box.appendChild(line("div", [point.date || "undated", point.place, point.type].filter(Boolean).join(" · ")));
    var toll = point.toll === null ? "no death toll reported" : point.toll.toLocaleString("en") + " killed (best estimate)";
    box.appendChild(line("div", toll + " · " + point.reports + " report" + (point.reports === 1 ? "" : "s")));
    var link = line("a", "Open the incident");
    link.href = "/events/" + encodeURIComponent(point.id);
    box.appendChild(link);
    return box;
  }

  var cluster = L.markerClusterGroup({ maxClusterRadius: 40, disableClusteringAtZoom: 8, showCoverageOnHover: false });
  var markers = {};
  data.points.forEach(function (point) {
    var d = size(point);
    var kind = String(point.type).replace(/[^a-z_]/g, "");
    var marker = L.marker([point.lat, point.lon], {
      icon: L.divIcon({ className: "incident t-" + kind + (point.toll ? " toll" : ""), iconSize: [d, d] }),
      title: point.name + " (" + (point.date || "undated") + ")",
      alt: point.name,
      keyboard: true,
      riseOnHover: true,
    });
    marker.bindPopup(function () { return popup(point); });
    marker.on("add", function () {
      var el = marker.getElement();
      if (el) el.setAttribute("data-event", point.id);
    });
    cluster.addLayer(marker);
    markers[point.id] = marker;
  });
  map.addLayer(cluster);

  // "settled" once the map has stopped moving for the focus: the zoom and cluster animation
  // are over (zoomToShowLayer's callback) and so is the pan that opening the popup may start.
  function settle() { holder.classList.add("settled"); }
  var focus = holder.getAttribute("data-focus");
  if (focus && markers[focus]) {
    cluster.zoomToShowLayer(markers[focus], function () {
      var panning = false;
      function panned() { panning = true; map.once("moveend", settle); }
      map.once("autopanstart", panned);
      markers[focus].openPopup();
      map.off("autopanstart", panned);
      if (!panning) settle();
    });
  } else {
    if (data.points.length) map.fitBounds(cluster.getBounds().pad(0.25), { maxZoom: 6 });
    settle();
  }
  holder.crosscheckMap = map; // for the browser tests, which check markers against outlines
  holder.classList.add("ready");
})();
