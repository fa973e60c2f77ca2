// The claims explorer (book/claims.md): filters the rows of its claims table by report, country, source, evidence,
// fidelity and kind of check, and by words, with no network. Each row carries its facets as data-* attributes;
// the choices of each filter are read from the rows, so the page holds no second copy of the data.
document.addEventListener("DOMContentLoaded", function () {
  var explorer = document.querySelector(".fpc-explorer");
  var table = document.querySelector("table.fpc-claims");
  if (!explorer || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = explorer.querySelector(".fpc-explorer-count");
  var selects = Array.prototype.slice.call(explorer.querySelectorAll("select[data-facet]"));
  var words = explorer.querySelector("input[type=search]");
  function values(row, facet) {
    var raw = row.dataset[facet] || "";
    return raw.split(facet === "country" ? ", " : ";").map(function (v) { return v.trim(); }).filter(Boolean);
  }
  selects.forEach(function (select) {
    var facet = select.dataset.facet;
    var seen = {};
    rows.forEach(function (row) { values(row, facet).forEach(function (v) { seen[v] = (seen[v] || 0) + 1; }); });
    Object.keys(seen).sort().forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value + " (" + seen[value] + ")";
      select.appendChild(option);
    });
    if (!select.options.length || Object.keys(seen).length === 0) select.closest("label").hidden = true;
  });
  function apply() {
    var needle = words ? words.value.trim().toLowerCase() : "";
    var shown = 0;
    rows.forEach(function (row) {
      var keep = selects.every(function (select) {
        return !select.value || values(row, select.dataset.facet).indexOf(select.value) >= 0;
      }) && (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0);
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " claims shown";
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  if (words) words.addEventListener("input", apply);
  explorer.querySelector("button[type=reset]").addEventListener("click", function () {
    selects.forEach(function (select) { select.value = ""; });
    if (words) words.value = "";
    apply();
  });
  apply();
});
