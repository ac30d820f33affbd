// A bilingual story's layout (English, side by side, alternating), chosen with its buttons and
// remembered in this browser for every bilingual story. The page is the same for everyone (and
// cached as one); without this file it shows the English only.
(function () {
  "use strict";
  var KEY = "newsroom.bilingual-layout";
  var LAYOUTS = ["en", "side", "alternate"];
  var stories = document.querySelectorAll("[data-bilingual]");
  if (!stories.length) { return; }

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return LAYOUTS.indexOf(value) >= 0 ? value : "en";
    } catch (error) {
      return "en"; // storage refused (private mode, blocked cookies): the default
    }
  }

  function apply(story, layout) {
    LAYOUTS.forEach(function (name) { story.classList.toggle("bilingual--" + name, name === layout); });
    story.querySelectorAll("[data-layout]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-layout") === layout));
    });
  }

  function choose(layout) {
    try { window.localStorage.setItem(KEY, layout); } catch (error) { /* remembered for this page only */ }
    stories.forEach(function (story) { apply(story, layout); });
  }

  var layout = stored();
  stories.forEach(function (story) {
    apply(story, layout);
    var buttons = story.querySelector(".bilingual__switch");
    buttons.hidden = false;
    buttons.addEventListener("click", function (event) {
      // The buttons' words are not the story's: the dictionary view does not look them up.
      event.stopPropagation();
      var button = event.target.closest("[data-layout]");
      if (button) { choose(button.getAttribute("data-layout")); }
    });
  });
  // Another tab's choice, so that two open stories agree.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY && LAYOUTS.indexOf(event.newValue) >= 0) {
      stories.forEach(function (story) { apply(story, event.newValue); });
    }
  });
})();
