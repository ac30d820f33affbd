// The comment box's live counter. It counts exactly as the server does (comments/text.py):
// CRLF and lone CR become LF, the text is NFC-normalized, and characters are extended grapheme
// clusters, so a Korean syllable, an accented letter and an emoji (even 👨‍👩‍👧 or 🇰🇷) are one each.
// The form works without this file: the server refuses what is too long and keeps the text.
(function () {
  "use strict";

  var MAX_CODE_POINTS_PER_CHARACTER = 8;
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

  function normalize(text) {
    return text.replace(/\r\n?/g, "\n").normalize("NFC");
  }

  function codePoints(text) {
    var n = 0;
    for (var _ of text) n += 1; // eslint-disable-line no-unused-vars
    return n;
  }

  function count(text) {
    var normalized = normalize(text);
    if (!segmenter) return codePoints(normalized); // older browsers: near enough; the server decides
    var n = 0;
    for (var _ of segmenter.segment(normalized)) n += 1; // eslint-disable-line no-unused-vars
    return n;
  }

  function check(text, limit) {
    var normalized = normalize(text);
    var length = count(normalized);
    var tooLong = length > limit || codePoints(normalized) > limit * MAX_CODE_POINTS_PER_CHARACTER;
    return { length: length, tooLong: tooLong };
  }

  window.newsroomComments = { normalize: normalize, count: count, check: check };

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  function attach(form) {
    var box = form.querySelector("textarea[data-max-length]");
    var counter = form.querySelector(".comment-counter");
    var warning = form.querySelector("#comment-limit");
    if (!box || !counter) return;
    var limit = parseInt(box.getAttribute("data-max-length"), 10);
    var template = counter.getAttribute("data-template") || "(%(count)s/%(max)s)";
    var warn = form.getAttribute("data-too-long") || "";

    function update() {
      var state = check(box.value, limit);
      counter.textContent = format(template, { count: state.length, max: limit });
      counter.classList.toggle("comment-counter--over", state.tooLong);
      box.setAttribute("aria-invalid", state.tooLong ? "true" : "false");
      return state;
    }

    box.addEventListener("input", update);
    form.addEventListener("submit", function (event) {
      var state = update();
      if (!state.tooLong || !warning) return;
      // Refused here as the server would refuse it; the text stays in the box.
      event.preventDefault();
      warning.textContent = format(warn, { length: state.length, limit: limit });
      warning.hidden = false;
      box.focus();
    });
    update();
  }

  document.querySelectorAll("form.comment-form").forEach(attach);
})();
