// Share buttons without any third-party script: copy the link, or hand it to the phone's share
// sheet (where KakaoTalk is offered); where neither exists the button says to paste the link.
(function () {
  "use strict";
  // Strings in the reader's language from /jsi18n/ (Django's JavaScriptCatalog); English without it.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  };
  function say(button, text) {
    var status = button.closest(".share").querySelector(".share__status");
    if (status) { status.textContent = text; }
  }
  function copy(button, url, done) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { say(button, done); },
        function () { say(button, interpolate(gettext("Copy this link: %(url)s"), { url: url }, true)); });
    } else {
      say(button, interpolate(gettext("Copy this link: %(url)s"), { url: url }, true));
    }
  }
  document.querySelectorAll("[data-share-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(button, button.getAttribute("data-share-copy"), gettext("Link copied."));
    });
  });
  document.querySelectorAll("[data-share-kakao]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-share-kakao");
      if (navigator.share) {
        navigator.share({ title: button.getAttribute("data-share-title"), url: url }).catch(function () {});
      } else {
        copy(button, url, gettext("Link copied: paste it into KakaoTalk."));
      }
    });
  });
})();
