// Navigation fixes for the book's pages (no network, no library).
// 1. pydata-sphinx-theme 0.17 binds its sidebar handlers to the first .primary-toggle / .secondary-toggle of a page,
//    which sphinx-book-theme hides, so the visible menu and page-contents buttons only showed a tooltip
//    (pydata/pydata-sphinx-theme#2451). Their clicks are forwarded to the bound buttons.
// 2. The report texts are raw HTML, so their part titles and headings are not in the page's contents:
//    they are added under the contents entry of the section that holds them.
document.addEventListener("DOMContentLoaded", function () {
  [".primary-toggle", ".secondary-toggle"].forEach(function (selector) {
    var buttons = document.querySelectorAll(selector);
    var bound = buttons[0];
    Array.prototype.slice.call(buttons, 1).forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopImmediatePropagation();
        bound.click();
      }, true);
    });
  });

  var toc = document.querySelector("#pst-page-toc-nav");
  if (!toc) return;
  function entry(heading, level) {
    var item = document.createElement("li");
    item.className = "toc-h" + level + " nav-item toc-entry";
    var link = document.createElement("a");
    link.className = "reference internal nav-link";
    link.href = "#" + heading.id;
    link.textContent = heading.textContent;
    item.appendChild(link);
    return item;
  }
  function sublist(item) {
    var list = item.querySelector(":scope > ul");
    if (!list) {
      list = document.createElement("ul");
      list.className = "nav section-nav flex-column";
      item.appendChild(list);
    }
    return list;
  }
  var parts = {};
  document.querySelectorAll(".fpc-text h3.fpc-part[id], .fpc-text h4.fpc-text-heading[id]").forEach(function (heading) {
    var section = heading.closest("section[id]");
    var link = section && toc.querySelector('a[href="#' + section.id + '"]');
    if (!link) return;
    var home = link.parentElement;
    if (heading.tagName === "H3") {
      parts[section.id] = entry(heading, 3);
      sublist(home).appendChild(parts[section.id]);
    } else if (heading.textContent.trim()) {
      sublist(parts[section.id] || home).appendChild(entry(heading, 4));
    }
  });
});
