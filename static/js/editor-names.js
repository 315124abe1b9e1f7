// Each rich-text editor (django-prose-editor) takes the name of its field's label: the label
// names the hidden textarea, and screen readers would otherwise meet an unnamed text box.
"use strict";
(function () {
  function nameEditors() {
    document.querySelectorAll(".prose-editor").forEach(function (editor) {
      const box = editor.querySelector("[contenteditable]");
      const textarea = editor.querySelector("textarea[id]");
      if (!box || !textarea || box.hasAttribute("aria-labelledby")) return;
      const label = document.querySelector('label[for="' + CSS.escape(textarea.id) + '"]');
      if (!label) return;
      label.id = label.id || textarea.id + "-label";
      box.setAttribute("aria-labelledby", label.id);
    });
  }
  // The editors are made by a module script, so they may come after this one runs.
  new MutationObserver(function (records) {
    const added = records.some(function (record) {
      return Array.prototype.some.call(record.addedNodes, function (node) {
        return node.nodeType === 1 && (node.matches("[contenteditable]") || node.querySelector("[contenteditable]"));
      });
    });
    if (added) nameEditors();
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameEditors);
})();
