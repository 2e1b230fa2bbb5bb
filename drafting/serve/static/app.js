/* drafting serve: the few things the pages do in the browser. No framework, no network. */
(function () {
  "use strict";

  function nextIndex(list) {
    var max = -1;
    Array.prototype.forEach.call(list.children, function (li) {
      var n = parseInt(li.getAttribute("data-index"), 10);
      if (!isNaN(n) && n > max) { max = n; }
    });
    return max + 1;
  }

  /* A list field grows from its prototype: the placeholder of the list's depth becomes the
     next free index, in every name and id inside (nested prototypes keep theirs). */
  function addItem(button) {
    var fieldset = button.closest("fieldset.list");
    var depth = fieldset.getAttribute("data-depth");
    var list = fieldset.querySelector(":scope > ol.items");
    var prototype = fieldset.querySelector(":scope > template");
    var html = prototype.innerHTML.split("__i" + depth + "__").join(String(nextIndex(list)));
    list.insertAdjacentHTML("beforeend", html);
    var added = list.lastElementChild;
    var first = added && added.querySelector("input, textarea, select");
    if (first) { first.focus(); }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var add = target.closest("[data-add]");
    if (add) { event.preventDefault(); addItem(add); return; }
    var remove = target.closest("[data-remove]");
    if (remove) {
      event.preventDefault();
      var item = remove.closest("li.item");
      if (item) { item.remove(); }
    }
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit")) {
      target.form.submit();
    }
  });
})();
