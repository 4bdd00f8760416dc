// report.html's filters, inlined into the page (compare/report/html.py): plain JS, no library.
// Options are built with textContent from the JSON block; the address
// (#outlet=NAME&relation=…&type=…&story=N, or the same as a query) sets the filters at load
// and follows every change, so a filtered view can be shared.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var names = ["outlet", "relation", "type", "story"];
  var selects = {};
  names.forEach(function (name) {
    var select = document.getElementById("filter-" + name);
    (data[name] || []).forEach(function (o) {
      var option = document.createElement("option");
      option.value = o.value;
      option.textContent = o.label;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { apply(true); });
    selects[name] = select;
  });
  document.getElementById("filter-reset").addEventListener("click", function () {
    names.forEach(function (name) { selects[name].value = ""; });
    apply(true);
  });

  function wanted() {
    var want = {};
    names.forEach(function (name) { want[name] = selects[name].value; });
    return want;
  }
  function hasOutlet(el, outlet) {
    return (" " + (el.getAttribute("data-outlets") || "") + " ").indexOf(" " + outlet + " ") >= 0;
  }
  function matches(el, want) {
    if (want.outlet && !hasOutlet(el, want.outlet)) return false;
    if (want.relation && el.getAttribute("data-relation") !== want.relation) return false;
    if (want.type && el.getAttribute("data-type") !== want.type) return false;
    if (want.story && el.getAttribute("data-story") !== want.story) return false;
    return true;
  }
  function apply(remember) {
    var want = wanted();
    var items = document.querySelectorAll(".item");
    var shown = 0;
    Array.prototype.forEach.call(items, function (el) {
      var ok = matches(el, want);
      el.hidden = !ok;
      if (ok) shown += 1;
    });
    var any = want.outlet || want.relation || want.type || want.story;
    Array.prototype.forEach.call(document.querySelectorAll("[data-story-section]"),
      function (section) {
        var ok = (!want.story || section.getAttribute("data-story") === want.story) &&
          (!want.outlet || hasOutlet(section, want.outlet));
        if (ok && any && (want.relation || want.type)) {
          ok = section.querySelector(".item:not([hidden])") !== null;
        }
        section.hidden = !ok;
      });
    var status = document.getElementById("shown");
    status.textContent = any ? shown + " of " + items.length + " items shown"
                             : items.length + " items";
    status.setAttribute("data-shown", String(shown));
    if (remember) writeAddress(want);
  }
  function writeAddress(want) {
    var query = new URLSearchParams();
    names.forEach(function (name) {
      if (!want[name]) return;
      query.set(name, name === "outlet" ? outletName(want[name]) : want[name]);
    });
    try { history.replaceState(null, "", "#" + query.toString()); } catch (e) { /* file: */ }
  }
  function outletName(value) {
    var found = (data.outlet || []).filter(function (o) { return o.value === value; })[0];
    return found ? found.name : value;
  }
  function fromAddress() {
    var raw = location.hash.replace(/^#/, "") || location.search.replace(/^\?/, "");
    var query = new URLSearchParams(raw);
    names.forEach(function (name) {
      var value = query.get(name);
      if (value === null) return;
      if (name === "outlet") {
        var found = (data.outlet || []).filter(function (o) { return o.name === value; })[0];
        value = found ? found.value : "";
      }
      var known = Array.prototype.some.call(selects[name].options,
        function (o) { return o.value === value; });
      selects[name].value = known ? value : "";
    });
  }
  fromAddress();
  apply(false);
  window.addEventListener("hashchange", function () { fromAddress(); apply(false); });
})();
