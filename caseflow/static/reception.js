// Reception pages: rows of repeatable groups shown on demand, the duplicate check in place (the chosen files
// stay chosen), print buttons. Everything works without it: the server then shows every row and reloads.
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

  function isBlank(row) {
    var filled = Array.prototype.some.call(row.querySelectorAll("input, select, textarea"), function (el) {
      if (el.type === "checkbox" || el.type === "radio") { return el.checked; }
      if (el.type === "file") { return el.files && el.files.length > 0; }
      if (el.tagName === "SELECT") { return el.selectedIndex > 0; }
      return el.value.trim() !== "";
    });
    return !filled && !row.querySelector(".error");
  }

  document.querySelectorAll("[data-repeat]").forEach(function (group) {
    var button = group.querySelector("[data-add-row]");
    var max = parseInt(group.getAttribute("data-max"), 10) || 50;
    if (!button) { return; }
    // one row shown (and every row already filled in); the others wait for the button
    group.querySelectorAll("[data-row]").forEach(function (row, index) {
      if (index > 0 && isBlank(row)) { row.hidden = true; }
    });
    button.hidden = false;
    button.addEventListener("click", function () {
      var waiting = group.querySelector("[data-row][hidden]");
      if (waiting) {
        waiting.hidden = false;
        var field = waiting.querySelector("input, select, textarea");
        if (field) { field.focus(); }
        return;
      }
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

  var result = document.getElementById("duplicates-result");
  var letter = result && document.querySelector("form.rc-form");
  var check = letter && letter.querySelector('button[name="preview"]');
  if (check && window.fetch && window.FormData) {
    check.addEventListener("click", function (event) {
      event.preventDefault();
      var data = new FormData(letter);
      Array.from(data.keys()).forEach(function (key) {
        if (data.getAll(key).some(function (value) { return value instanceof File; })) { data.delete(key); }
      });
      check.disabled = true;
      fetch(result.getAttribute("data-check-url"), { method: "POST", body: data, credentials: "same-origin" })
        .then(function (answer) { return answer.text(); })
        .then(function (html) {
          result.innerHTML = html;
          var save = letter.querySelector('button[name="save"]');
          if (save && result.querySelector(".rc-duplicates")) { save.textContent = save.getAttribute("data-anyway"); }
          result.focus();
        })
        .catch(function () { letter.requestSubmit(check); })
        .finally(function () { check.disabled = false; });
    });
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
}());
