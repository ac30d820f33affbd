// The print view's button opens the print dialog; without JavaScript the page shows how to print instead.
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (!button || typeof window.print !== "function") { return; }
  var hint = document.querySelector(".print-hint");
  button.hidden = false;
  if (hint) { hint.hidden = true; }
  button.addEventListener("click", function () { window.print(); });
})();
