// A reader's saved words. Logged in, a "Save" button sends the word to the account; logged out, the
// word is kept in this browser and joins the account on the first page after login.
// Buttons: <button type="button" data-save-word="lemma" data-form="as written" data-article="id"
// data-sentence="…" data-saved-label="Saved">, its label in a [data-label] child (else the button's
// own text); the script tag carries the endpoints and the state. A page may include it twice (the
// reader's menu and a page with Save buttons): the second copy does nothing.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || window.newsroomWords) return;
  var KEY = "newsroom.savedWords";
  var LIMIT = 200;
  var saveUrl = script.dataset.saveUrl;
  var syncUrl = script.dataset.syncUrl;
  var loggedIn = script.dataset.reader === "1";

  // The CSRF cookie is HttpOnly: the token comes with the script tag (for logged-in readers only).
  function csrfToken() {
    return script.dataset.csrf || "";
  }

  function stored() {
    try {
      var items = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) {
      return [];
    }
  }

  function keep(item) {
    var items = stored().filter(function (other) { return other.word !== item.word; });
    items.push(item);
    try {
      window.localStorage.setItem(KEY, JSON.stringify(items.slice(-LIMIT)));
    } catch (error) {
      // Storage full or refused (private mode): the word is simply not kept.
    }
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(data),
    });
  }

  function save(item) {
    if (!loggedIn) {
      keep(item);
      return Promise.resolve("browser");
    }
    return post(saveUrl, item).then(
      function (response) {
        if (response.ok) return "account";
        keep(item);
        return "browser";
      },
      function () {
        keep(item);
        return "browser";
      }
    );
  }

  function isSaved(word) {
    return stored().some(function (item) { return item.word === word; });
  }

  function mark(button) {
    button.setAttribute("aria-pressed", "true");
    var label = button.querySelector("[data-label]") || button;
    if (button.dataset.savedLabel) label.textContent = button.dataset.savedLabel;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-save-word]");
    if (!button) return;
    event.preventDefault();
    var item = {
      word: button.dataset.saveWord,
      form: button.dataset.form || "",
      article: button.dataset.article || null,
      sentence: button.dataset.sentence || "",
    };
    save(item).then(function () { mark(button); });
  });

  if (loggedIn && stored().length) {
    post(syncUrl, stored()).then(function (response) {
      if (response.ok) window.localStorage.removeItem(KEY);
    });
  }

  // Words kept in this browser show as saved wherever their buttons appear.
  document.querySelectorAll("[data-save-word]").forEach(function (button) {
    if (isSaved(button.dataset.saveWord)) mark(button);
  });

  window.newsroomWords = { save: save, isSaved: isSaved, mark: mark };
})();
