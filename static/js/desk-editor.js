// The admin's body editor (Tiptap, inside django-prose-editor) injects its base CSS as an inline
// <style>, which the Content Security Policy refuses. Tiptap skips the injection when a
// <style data-tiptap-style> element is already there, so an empty one is put in place, before the
// editor's modules run; the rules themselves come from static/css/desk-editor.css.
(function () {
  "use strict";
  if (!document.querySelector("style[data-tiptap-style]")) {
    var placeholder = document.createElement("style");
    placeholder.setAttribute("data-tiptap-style", "");
    document.head.appendChild(placeholder);
  }
})();
