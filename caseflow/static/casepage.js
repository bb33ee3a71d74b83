// After an action the page opens with its confirmation: bring it into view and give it the focus.
(function () {
  "use strict";
  var notice = document.querySelector("main .flash");
  if (!notice) { return; }
  notice.setAttribute("tabindex", "-1");
  notice.focus();
  notice.scrollIntoView({ block: "nearest" });
})();
