// Reception pages: add rows to repeatable groups, and print buttons. Everything works without it.
(function () {
  "use strict";

  function renumber(row, index) {
    row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) { el.setAttribute(attr, value.replace(/-\d+-/g, "-" + index + "-")); }
      });
    });
    var legend = row.querySelector("legend");
    if (legend) { legend.textContent = legend.textContent.replace(/\d+\s*$/, String(index + 1)); }
  }

  function clear(row) {
    row.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") { el.checked = false; }
      else if (el.tagName === "SELECT") { el.selectedIndex = 0; }
      else { el.value = ""; }
      el.removeAttribute("aria-invalid");
    });
    row.querySelectorAll(".error").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
  }

  document.querySelectorAll("[data-repeat]").forEach(function (group) {
    var button = group.querySelector("[data-add-row]");
    var max = parseInt(group.getAttribute("data-max"), 10) || 50;
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var rows = group.querySelectorAll("[data-row]");
      if (rows.length >= max) { button.hidden = true; return; }
      var copy = rows[rows.length - 1].cloneNode(true);
      renumber(copy, rows.length);
      clear(copy);
      rows[rows.length - 1].after(copy);
      var first = copy.querySelector("input, select, textarea");
      if (first) { first.focus(); }
      if (rows.length + 1 >= max) { button.hidden = true; }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
}());
