// "Listen": the browser's own speech synthesis reads the story sentence by sentence, the sentence
// being read highlighted (CSS Custom Highlight API: no change to the story's markup), at 0.75×, 1× or
// 1.25× (remembered). Without speech synthesis the control stays hidden. Nothing is fetched.
// Markup: <div class="listen" data-listen-for="SELECTOR" hidden> with buttons [data-listen-play],
// [data-listen-stop] and a <select data-listen-rate>; any [data-say="word"] button says its word.
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || !window.SpeechSynthesisUtterance) return;
  var RATE_KEY = "newsroom.listenRate";
  var RATES = ["0.75", "1", "1.25"];

  function rate() {
    var stored = null;
    try { stored = window.localStorage.getItem(RATE_KEY); } catch (error) { stored = null; }
    return RATES.indexOf(stored) >= 0 ? stored : "1";
  }

  function utterance(text) {
    var spoken = new SpeechSynthesisUtterance(text);
    spoken.lang = "en-US";
    spoken.rate = parseFloat(rate());
    return spoken;
  }

  function say(text) {
    synth.cancel();
    synth.speak(utterance(text));
  }

  // Each sentence of the container's paragraphs as a DOM Range over its text nodes.
  function sentenceRanges(container) {
    var ranges = [];
    var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("en", { granularity: "sentence" }) : null;
    container.querySelectorAll("p, h2, h3, li, blockquote").forEach(function (block) {
      if (block.closest("[data-listen-skip]")) return;
      // Only the English is read: not a Korean gloss (<rt lang="ko">), not the Korean of a bilingual
      // story, not a part marked to skip.
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          var tagged = node.parentElement.closest("[lang]");
          var foreign = tagged && container.contains(tagged) && !/^en(-|$)/i.test(tagged.lang);
          return foreign || node.parentElement.closest("[data-listen-skip]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        },
      });
      var nodes = [];
      var text = "";
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node: node, start: text.length });
        text += node.nodeValue;
      }
      var pieces = segmenter
        ? Array.from(segmenter.segment(text), function (s) { return { start: s.index, text: s.segment }; })
        : [{ start: 0, text: text }];
      pieces.forEach(function (piece) {
        if (!piece.text.trim()) return;
        ranges.push({ text: piece.text.trim(), range: rangeOf(nodes, piece.start, piece.start + piece.text.length) });
      });
    });
    return ranges;
  }

  function locate(nodes, offset) {
    for (var i = nodes.length - 1; i >= 0; i--) {
      if (nodes[i].start <= offset) {
        return { node: nodes[i].node, offset: Math.min(offset - nodes[i].start, nodes[i].node.nodeValue.length) };
      }
    }
    return { node: nodes[0].node, offset: 0 };
  }

  function rangeOf(nodes, start, end) {
    var range = document.createRange();
    var from = locate(nodes, start);
    var to = locate(nodes, end);
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  // The sentence's colours. Kept here, not in site.css: the W3C checker that every stylesheet must
  // pass cannot parse ::highlight() yet. A constructed stylesheet is no inline style for the CSP.
  var HIGHLIGHT_CSS =
    "::highlight(listen-sentence) { background-color: #fde68a; color: #141414; }" +
    "@media screen and (prefers-color-scheme: dark) {" +
    " ::highlight(listen-sentence) { background-color: #6b5416; color: #fff; } }";
  var styled = false;

  function style() {
    if (styled || !document.adoptedStyleSheets || !window.CSSStyleSheet) return;
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
    } catch (error) {
      // A browser without constructed stylesheets: its default highlight colours serve.
    }
    styled = true;
  }

  function highlight(range) {
    if (!window.CSS || !CSS.highlights || !window.Highlight) return;
    style();
    if (range) CSS.highlights.set("listen-sentence", new Highlight(range));
    else CSS.highlights.delete("listen-sentence");
  }

  function setUp(control) {
    var container = document.querySelector(control.dataset.listenFor);
    if (!container) return;
    var play = control.querySelector("[data-listen-play]");
    var stop = control.querySelector("[data-listen-stop]");
    var select = control.querySelector("[data-listen-rate]");
    var status = control.querySelector("[data-listen-status]");
    var reading = false;
    select.value = rate();
    select.addEventListener("change", function () {
      try { window.localStorage.setItem(RATE_KEY, select.value); } catch (error) { /* not remembered */ }
    });

    function finish() {
      reading = false;
      highlight(null);
      play.setAttribute("aria-pressed", "false");
      if (status) status.textContent = "";
    }

    function read(sentences, index) {
      if (!reading || index >= sentences.length) return finish();
      var spoken = utterance(sentences[index].text);
      spoken.onstart = function () {
        highlight(sentences[index].range);
        if (status) status.textContent = (index + 1) + " / " + sentences.length;
      };
      spoken.onend = function () { read(sentences, index + 1); };
      spoken.onerror = finish;
      synth.speak(spoken);
    }

    play.addEventListener("click", function () {
      if (reading) {
        synth.cancel();
        return finish();
      }
      synth.cancel();
      reading = true;
      play.setAttribute("aria-pressed", "true");
      read(sentenceRanges(container), 0);
    });
    stop.addEventListener("click", function () {
      synth.cancel();
      finish();
    });
    control.hidden = false;
  }

  document.querySelectorAll(".listen[data-listen-for]").forEach(setUp);
  document.querySelectorAll("[data-say][hidden]").forEach(function (button) { button.hidden = false; });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-say]");
    if (button) say(button.dataset.say);
  });
  window.newsroomSay = say;
})();
