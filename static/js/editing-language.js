/*
 * The change form's editing language: one switch that shows the tab of the same language in
 * every translated field (modeltranslation's tabs, made with jQuery UI). The switch is in the
 * page (templates/admin/change_form.html), hidden; it is shown only where there are tabs.
 * Without JavaScript every language's field is on the form and nothing here is needed.
 */
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var group = document.querySelector(".editing-language");
  var $ = window.django && window.django.jQuery;
  if (!group || !$) {
    return;
  }
  // Runs after modeltranslation's own ready handler (registered earlier), so its tabs exist.
  $(function () {
    var tabs = $(".ui-tabs").filter(function () {
      return $(this).children("ul").find("a[href^='#tab_']").length > 0;
    });
    if (!tabs.length) {
      return;
    }
    var buttons = group.querySelectorAll("button[data-language]");
    var mainSwitch = $("#modeltranslation-main-switch");

    function tabLanguage(anchor) {
      return $(anchor).text().trim().toLowerCase();
    }

    function indexOf(container, language) {
      var index = -1;
      $(container).children("ul").find("a").each(function (position, anchor) {
        if (tabLanguage(anchor) === language) {
          index = position;
        }
      });
      return index;
    }

    // The language every field shows, or null when they differ.
    function shownLanguage() {
      var shown = null;
      var same = true;
      tabs.each(function () {
        var active = $(this).children("ul").find("li.ui-tabs-active a").get(0);
        var language = active ? tabLanguage(active) : null;
        if (shown === null) {
          shown = language;
        } else if (language !== shown) {
          same = false;
        }
      });
      return same ? shown : null;
    }

    function mark() {
      var shown = shownLanguage();
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.language === shown));
      });
    }

    function show(language) {
      tabs.each(function () {
        var index = indexOf(this, language);
        if (index >= 0) {
          $(this).tabs("option", "active", index);
        }
      });
      // Rows added later open in modeltranslation's selected language: keep it the same.
      mainSwitch.find("option").each(function () {
        if ($(this).text().trim().toLowerCase() === language) {
          mainSwitch.val($(this).val());
        }
      });
      mark();
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        show(button.dataset.language);
      });
    });
    tabs.on("tabsactivate", mark);
    // This switch replaces modeltranslation's unlabelled one in the heading.
    mainSwitch.prop("hidden", true);
    group.hidden = false;
    mark();
  });
});
