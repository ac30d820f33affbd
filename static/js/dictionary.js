// The dictionary view: click or tap a word (or select a phrase) to see its entry in a small
// dialog next to it. Without this file the page still works: listed words link to their pages.
// Gloss mode: the server puts each listed word's Korean over it (<ruby>) and marks names; the
// toggles here show them by classes on the story's container, remembered in this browser.
(function () {
  "use strict";
  var GLOSS_KEY = "newsroom.glossMode.";
  var glossArea = document.querySelector(".glossable");
  var glossTools = document.querySelector(".gloss-tools");
  if (glossArea && glossTools) {
    var legend = glossTools.querySelector("[data-gloss-legend]");
    glossTools.querySelectorAll("[data-gloss-toggle]").forEach(function (button) {
      var mode = button.dataset.glossToggle;
      function set(on) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
        glossArea.classList.toggle("show-" + mode, on);
        if (mode === "names" && legend) { legend.hidden = !on; }
        try { window.localStorage.setItem(GLOSS_KEY + mode, on ? "1" : "0"); } catch (error) { /* not remembered */ }
      }
      var remembered = null;
      try { remembered = window.localStorage.getItem(GLOSS_KEY + mode); } catch (error) { remembered = null; }
      set(remembered === "1");
      button.addEventListener("click", function () { set(button.getAttribute("aria-pressed") !== "true"); });
    });
    glossTools.hidden = false;
  }
})();
(function () {
  "use strict";
  // Strings in the reader's language from /jsi18n/ (Django's JavaScriptCatalog); English without it.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  };
  var pgettext = window.pgettext || function (context, text) { return text; };
  // The API names parts of speech in English (the contract); the popover names them in the reader's language.
  var PARTS_OF_SPEECH = {
    noun: pgettext("part of speech", "noun"),
    verb: pgettext("part of speech", "verb"),
    adjective: pgettext("part of speech", "adjective"),
    adverb: pgettext("part of speech", "adverb")
  };
  function partOfSpeech(pos) { return PARTS_OF_SPEECH[pos] || pos; }
  var area = document.querySelector("[data-lookup-area]");
  var popover = document.getElementById("lookup-popover");
  if (!area || !popover) { return; }
  var title = popover.querySelector(".popover__title");
  var body = popover.querySelector(".popover__body");
  var closeButton = popover.querySelector(".popover__close");
  var selectionButton = document.querySelector(".lookup-selection");
  var form = document.querySelector(".lookup-form");
  var opener = null;
  var lastRect = null;
  var request = 0;
  var WORD = /[A-Za-z\u00C0-\u024F'\u2019-]/;
  var labels = popover.dataset;
  var speaks = !!(window.speechSynthesis && window.SpeechSynthesisUtterance);

  // A block's text as read: without the Korean glosses over its words.
  function textOf(block) {
    var text = "";
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest("rt")) { text += walker.currentNode.data; }
    }
    return text;
  }

  function sentencesOf(text) {
    return text.replace(/\s+/g, " ").split(/(?<=[.!?]["\u201D\u2019)\]]*)\s+(?=["\u201C\u2018(\[]?[A-Z0-9])/);
  }

  // The sentence of the story where `words` first appears (any of them, as a whole word).
  function findSentence(words) {
    var paragraphs = area.querySelectorAll("p, li, blockquote, h2, h3");
    for (var w = 0; w < words.length; w++) {
      if (!words[w]) { continue; }
      var escaped = words[w].replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "['\u2019]");
      var pattern = new RegExp("(^|[^A-Za-z'\u2019-])" + escaped + "(?![A-Za-z-])", "i");
      for (var i = 0; i < paragraphs.length; i++) {
        var sentences = sentencesOf(textOf(paragraphs[i]));
        for (var j = 0; j < sentences.length; j++) {
          if (pattern.test(sentences[j])) { return sentences[j]; }
        }
      }
    }
    return "";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function senseList(definitions) {
    var list = element("ol", "entry__senses");
    definitions.slice(0, 3).forEach(function (definition) { list.appendChild(element("li", "", definition)); });
    return list;
  }

  // The pronunciation, a button that says the word (where the browser speaks) and one that saves it.
  function tools(data, sentence) {
    var row = element("p", "word-tools");
    if (data.pronunciation) {
      var ipa = element("span", "ipa", "/" + data.pronunciation + "/");
      ipa.title = labels.ipaTitle || "";
      row.appendChild(ipa);
    }
    if (speaks) {
      var say = element("button", "say-word", labels.sayLabel || "Say it");
      say.type = "button";
      say.dataset.say = data.word;
      row.appendChild(say);
    }
    var save = element("button", "save-word");
    save.type = "button";
    save.dataset.saveWord = data.lemma;
    save.dataset.form = data.word;
    if (labels.article) { save.dataset.article = labels.article; }
    save.dataset.sentence = sentence || "";
    save.dataset.savedLabel = labels.savedLabel || "Saved";
    save.setAttribute("aria-pressed", "false");
    save.appendChild(element("span", "", labels.saveLabel || "Save")).dataset.label = "";
    row.appendChild(save);
    if (window.newsroomWords && window.newsroomWords.isSaved(data.lemma)) { window.newsroomWords.mark(save); }
    return row;
  }

  // The server chose the sense the sentence uses (data.sense): it comes first, marked, the others below.
  function render(data, sentence) {
    body.textContent = "";
    title.textContent = data.lemma;
    body.appendChild(tools(data, sentence));
    if (data.word !== data.lemma) {
      var note = data.english
        ? interpolate(gettext("“%(word)s” is the newsroom’s Korean for “%(english)s”."), { word: data.word, english: data.english.join("”, “") }, true)
        : interpolate(gettext("“%(word)s” is a form of “%(lemma)s”."), { word: data.word, lemma: data.lemma }, true);
      body.appendChild(element("p", "popover__form", note));
    }
    var korean = element("p", "popover__korean");
    if (data.korean.length) {
      korean.appendChild(element("span", "entry__label", gettext("Korean") + " "));
      var ko = element("span", "", data.korean.join("; "));
      ko.lang = "ko";
      korean.appendChild(ko);
    } else {
      korean.className += " popover__korean--none";
      korean.textContent = gettext("No Korean gloss yet.");
    }
    body.appendChild(korean);
    var chosen = typeof data.sense === "number" ? data.entries[data.sense] : null;
    if (chosen) {
      var box = element("div", "popover__chosen");
      box.appendChild(element("p", "entry__label", interpolate(gettext("In this sentence · %(pos)s"), { pos: partOfSpeech(chosen.pos) }, true)));
      box.appendChild(element("p", "popover__chosen-definition", chosen.definition));
      body.appendChild(box);
    }
    var groups = [];
    var byPos = {};
    data.entries.forEach(function (entry, i) {
      if (chosen && i === data.sense) { return; }
      if (!byPos[entry.pos]) { byPos[entry.pos] = []; groups.push(entry.pos); }
      byPos[entry.pos].push(entry.definition);
    });
    if (chosen && groups.length) { body.appendChild(element("p", "entry__label popover__others", gettext("Other senses"))); }
    groups.forEach(function (pos) {
      if (pos) { body.appendChild(element("p", "entry__label", partOfSpeech(pos))); }
      body.appendChild(senseList(byPos[pos]));
    });
    if (sentence) {
      var quote = element("blockquote", "popover__sentence");
      quote.appendChild(element("p", "entry__label", gettext("In this story")));
      quote.appendChild(element("p", "", sentence));
      body.appendChild(quote);
    }
    var more = element("a", "popover__more", interpolate(gettext("Full entry for “%(word)s”"), { word: data.lemma }, true));
    more.href = "/dictionary/" + encodeURIComponent(data.lemma) + "/" + (sentence ? "?context=" + encodeURIComponent(sentence) : "");
    body.appendChild(element("p", "")).appendChild(more);
  }

  // Below the word when it fits, above it when there is more room there; on a phone, a sheet along
  // the bottom of the screen. Either way the whole popover stays in the viewport.
  var PHONE = window.matchMedia("(max-width: 40rem)");
  var GAP = 8;
  function place(rect) {
    var viewportHeight = window.innerHeight;
    var viewportWidth = document.documentElement.clientWidth;
    popover.style.maxHeight = "";
    if (PHONE.matches) {
      popover.classList.add("popover--sheet");
      popover.style.left = popover.style.top = "";
      return;
    }
    popover.classList.remove("popover--sheet", "popover--above");
    var width = Math.min(popover.offsetWidth || 352, viewportWidth - 2 * GAP);
    var left = Math.max(GAP, Math.min(rect.left, viewportWidth - width - GAP));
    var below = viewportHeight - rect.bottom - 2 * GAP;
    var above = rect.top - 2 * GAP;
    var height = popover.offsetHeight;
    var top;
    if (height <= below || below >= above) {
      popover.style.maxHeight = Math.max(below, 120) + "px";
      top = rect.bottom + GAP;
    } else {
      popover.classList.add("popover--above");
      popover.style.maxHeight = above + "px";
      top = rect.top - GAP - Math.min(height, above);
    }
    popover.style.left = (left + window.scrollX) + "px";
    popover.style.top = (top + window.scrollY) + "px";
  }

  // While it is open, Tab and Shift+Tab go round the popover's own controls.
  function trapTab(event) {
    if (event.key !== "Tab" || popover.hidden) { return; }
    var stops = Array.prototype.filter.call(popover.querySelectorAll("a[href], button"), function (node) {
      return node.offsetParent !== null;
    });
    if (!stops.length) { return; }
    var first = stops[0];
    var last = stops[stops.length - 1];
    var inside = popover.contains(document.activeElement);
    if (event.shiftKey && (!inside || document.activeElement === first || document.activeElement === title)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
      event.preventDefault();
      first.focus();
    }
  }

  function open(word, rect, invoker, sentence, keyboard) {
    word = word.replace(/\s+/g, " ").replace(/^[^A-Za-z0-9\u00C0-\uFFFF]+|[^A-Za-z0-9\u00C0-\uFFFF]+$/g, "");
    if (!word) { return; }
    opener = invoker || null;
    sentence = sentence || findSentence([word]);
    var mine = ++request;
    title.textContent = word;
    body.textContent = gettext("Looking up…");
    popover.hidden = false;
    lastRect = rect;
    place(rect);
    popover.setAttribute("aria-busy", "true");
    title.focus({ preventScroll: !keyboard });
    var url = "/api/dictionary/" + encodeURIComponent(word) + "/" + (sentence ? "?context=" + encodeURIComponent(sentence.slice(0, 1000)) : "");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        if (mine !== request) { return; }
        if (result.ok) {
          render(result.data, sentence || findSentence([result.data.lemma]));
        } else {
          body.textContent = "";
          body.appendChild(element("p", "popover__missing", result.data.advice || interpolate(gettext("No entry for “%(word)s”."), { word: word }, true)));
        }
      })
      .catch(function () {
        if (mine === request) { body.textContent = gettext("The dictionary could not be reached. Try again."); }
      })
      .then(function () {
        if (mine === request) { popover.removeAttribute("aria-busy"); place(rect); }
      });
  }

  function close() {
    if (popover.hidden) { return; }
    popover.hidden = true;
    request++;
    if (opener && document.contains(opener)) { opener.focus({ preventScroll: true }); }
    opener = null;
  }

  // The word under a point of a text node: no wrapping of words, so selection and copying work as usual.
  function wordAt(x, y) {
    var node, offset;
    if (document.caretPositionFromPoint) {
      var position = document.caretPositionFromPoint(x, y);
      if (!position) { return null; }
      node = position.offsetNode; offset = position.offset;
    } else if (document.caretRangeFromPoint) {
      var range = document.caretRangeFromPoint(x, y);
      if (!range) { return null; }
      node = range.startContainer; offset = range.startOffset;
    } else {
      return null;
    }
    if (!node || node.nodeType !== Node.TEXT_NODE) { return null; }
    var text = node.data;
    var start = offset, end = offset;
    while (start > 0 && WORD.test(text[start - 1])) { start--; }
    while (end < text.length && WORD.test(text[end])) { end++; }
    var word = text.slice(start, end).replace(/^['\u2019-]+|['\u2019-]+$/g, "");
    if (!/[A-Za-z]/.test(word)) { return null; }
    var wordRange = document.createRange();
    wordRange.setStart(node, start);
    wordRange.setEnd(node, end);
    return { word: word, rect: wordRange.getBoundingClientRect(), sentence: sentenceAround(node, start) };
  }

  function sentenceAround(node, index) {
    var block = node.parentElement.closest("p, li, blockquote, h2, h3") || node.parentElement;
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    var before = 0;
    while (walker.nextNode() && walker.currentNode !== node) {
      if (!walker.currentNode.parentElement.closest("rt")) { before += walker.currentNode.data.length; }
    }
    var position = before + index;
    var text = textOf(block);
    var sentences = sentencesOf(text);
    var seen = 0;
    var flat = text.replace(/\s+/g, " ");
    for (var i = 0; i < sentences.length; i++) {
      var at = flat.indexOf(sentences[i], seen);
      if (at <= position && position <= at + sentences[i].length) { return sentences[i]; }
      seen = at + sentences[i].length;
    }
    return "";
  }

  area.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (link && !link.classList.contains("lookup")) { return; }
    var selection = window.getSelection();
    if (selection && !selection.isCollapsed && selection.toString().trim()) { return; }
    if (link) {
      event.preventDefault();
      var sentence = link.firstChild ? sentenceAround(link.firstChild, 0) : "";
      open(link.textContent, link.getBoundingClientRect(), link, sentence, event.detail === 0);
      return;
    }
    var hit = wordAt(event.clientX, event.clientY);
    if (hit) {
      event.stopPropagation();
      open(hit.word, hit.rect, null, hit.sentence, false);
    }
  });

  document.querySelectorAll(".vocab a.lookup").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      open(link.dataset.term, link.getBoundingClientRect(), link, link.dataset.sentence, event.detail === 0);
    });
  });

  if (form) {
    form.addEventListener("submit", function (event) {
      var input = form.querySelector("input[name=q]");
      if (!input.value.trim()) { return; }
      event.preventDefault();
      open(input.value, input.getBoundingClientRect(), input, "", true);
    });
  }

  // A selected phrase: offer a "Look up" button beside it, leaving the selection as it is.
  function offerSelection() {
    var selection = window.getSelection();
    var text = selection ? selection.toString().replace(/\s+/g, " ").trim() : "";
    if (!text || text.length > 100 || text.split(" ").length > 6 || !area.contains(selection.anchorNode)) {
      selectionButton.hidden = true;
      return;
    }
    var rect = selection.getRangeAt(0).getBoundingClientRect();
    selectionButton.dataset.text = text;
    selectionButton.textContent = interpolate(gettext("Look up “%(text)s”"), { text: text.length > 30 ? text.slice(0, 29) + "…" : text }, true);
    selectionButton.hidden = false;
    selectionButton.style.left = (rect.left + window.scrollX) + "px";
    selectionButton.style.top = (rect.bottom + window.scrollY + 6) + "px";
  }
  area.addEventListener("mouseup", function () { setTimeout(offerSelection, 0); });
  area.addEventListener("keyup", offerSelection);
  area.addEventListener("touchend", function () { setTimeout(offerSelection, 300); });
  selectionButton.addEventListener("click", function () {
    selectionButton.hidden = true;
    var rect = selectionButton.getBoundingClientRect();
    open(selectionButton.dataset.text, { left: rect.left, top: rect.top, bottom: rect.top }, null, findSentence([selectionButton.dataset.text]), true);
  });

  closeButton.addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); selectionButton.hidden = true; }
    trapTab(event);
  });
  window.addEventListener("resize", function () { if (!popover.hidden && lastRect) { place(lastRect); } });
  document.addEventListener("click", function (event) {
    if (!popover.hidden && !popover.contains(event.target) && !event.target.closest(".lookup, .lookup-selection")) {
      close();
    }
  });
})();
