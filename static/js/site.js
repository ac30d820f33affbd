// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // On a phone the masthead's magnifier opens the search field; without this it is a link to /search/.
  document.querySelectorAll("[data-search-toggle]").forEach(function (toggle) {
    var box = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!box) { return; }
    toggle.setAttribute("role", "button");
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var open = box.classList.toggle("search-box--open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { box.querySelector("input").focus(); }
    });
  });

  // The account menu closes as menus do: on Escape, and on a click elsewhere.
  var menu = document.querySelector(".account-menu");
  if (menu) {
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
})();
