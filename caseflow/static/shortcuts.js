// Keyboard shortcuts on the queues and the case page: j / k move between rows, Enter opens (the row's link
// has the focus), a goes to the usual next action, / to the search, ? lists them. Never while typing.
(function () {
  "use strict";
  var help = document.getElementById("shortcuts-help");
  if (!help) { return; }

  function typing(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("table.cases tbody tr"));
  }

  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var current = all.findIndex(function (row) { return row.classList.contains("kb-current"); });
    var next = Math.max(0, Math.min(all.length - 1, current < 0 ? 0 : current + step));
    all.forEach(function (row) { row.classList.remove("kb-current"); });
    all[next].classList.add("kb-current");
    var link = all[next].querySelector("a[href]");
    if (link) { link.focus(); }
  }

  function nextAction() {
    var action = document.querySelector("details.action.primary") || document.querySelector("details.action");
    if (!action) { return; }
    action.open = true;
    var field = action.querySelector("form input:not([type=hidden]), form select, form textarea, form button");
    (field || action.querySelector("summary")).focus();
  }

  function search() {
    var field = document.querySelector('[role="search"] input[name="q"]');
    if (field) { field.focus(); field.select(); }
    else { window.location.href = help.getAttribute("data-search-url"); }
  }

  function toggleHelp() {
    if (help.open) { help.close(); } else { help.showModal(); }
  }

  var keys = { j: function () { move(1); }, k: function () { move(-1); }, a: nextAction, "/": search,
               "?": toggleHelp };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var run = keys[event.key];
    if (!run || (help.open && event.key !== "?")) { return; }
    event.preventDefault();
    run();
  });

  document.querySelectorAll("[data-shortcuts]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", toggleHelp);
  });
  help.querySelector("[data-close]").addEventListener("click", function () { help.close(); });
}());
