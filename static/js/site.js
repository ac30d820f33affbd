// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // Larger text, remembered on this device: everything is sized in rem, so the root's size is enough.
  var LARGE = "newsroom-text-large";
  function remembered() {
    try { return window.localStorage.getItem(LARGE) === "1"; } catch (e) { return false; }
  }
  function remember(on) {
    try { window.localStorage.setItem(LARGE, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
  }
  root.classList.toggle("text-large", remembered());
  document.querySelectorAll("[data-text-size]").forEach(function (button) {
    button.hidden = false;
    button.setAttribute("aria-pressed", root.classList.contains("text-large") ? "true" : "false");
    button.addEventListener("click", function () {
      var on = root.classList.toggle("text-large");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      remember(on);
    });
  });

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

  // A page opened at its comments (after posting, deleting or logging in to comment) shows its
  // message there, where the reader acted, instead of at the top they have scrolled past.
  var messages = document.querySelector(".page-messages");
  var box = document.getElementById("comment-box");
  var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (messages && box && target && target.closest("#comments")) {
    box.insertBefore(messages, box.firstChild);
    // The browser scrolls to the fragment itself once the page has loaded; the message follows that.
    window.addEventListener("load", function () { messages.scrollIntoView(); });
  }

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
