// foodsafe: progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Searchable drop-downs for long lists (operators, villages).
  document.querySelectorAll("select[data-searchable]").forEach(function (select) {
    new TomSelect(select, { maxOptions: 200, allowEmptyOption: true });
  });

  // 细类 follows 业态类别: show only the sub-types of the chosen category.
  document.querySelectorAll("select[data-subtypes]").forEach(function (subtype) {
    var category = subtype.form.querySelector("select[name='category']");
    if (!category) return;
    var allowed = JSON.parse(subtype.dataset.subtypes);
    var wrapper = subtype.closest(".mb-3") || subtype.parentElement;
    function refresh() {
      var values = allowed[category.value] || [];
      subtype.querySelectorAll("option").forEach(function (option) {
        option.hidden = option.value !== "" && values.indexOf(option.value) === -1;
      });
      subtype.querySelectorAll("optgroup").forEach(function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (o) { return !o.hidden; });
      });
      if (subtype.selectedOptions.length && subtype.selectedOptions[0].hidden) subtype.value = "";
      if (values.length === 0) subtype.value = "";
      wrapper.style.display = values.length ? "" : "none";
    }
    category.addEventListener("change", refresh);
    refresh();
  });

  // A drop-down that submits its form when changed (year, township pickers); <noscript> has a button.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // A form that saves is sent once: a second tap on 保存 while the next page loads sends nothing.
  // (The server refuses a form posted twice too: its one-time token or its version.)
  var onceForms = "form[method='post']:has(input[name='submission_token']), form[method='post']:has(input[name='version'])";
  document.querySelectorAll(onceForms).forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitting) {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = "1";
      // After the browser has read the pressed button's name and value into the post.
      setTimeout(function () {
        form.querySelectorAll("button[type='submit'], input[type='submit']").forEach(function (button) {
          button.disabled = true;
          button.classList.add("is-submitting");
        });
      }, 0);
    });
  });
  // Back to a page kept in the browser's cache: its form may be sent again (the server decides).
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll(onceForms).forEach(function (form) {
      delete form.dataset.submitting;
      form.querySelectorAll(".is-submitting").forEach(function (button) {
        button.disabled = false;
        button.classList.remove("is-submitting");
      });
    });
  });

  // 返回上一页 on error pages: back in history when there is one; the link's href is the fallback.
  document.querySelectorAll("a[data-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (window.history.length > 1 && document.referrer) {
        event.preventDefault();
        window.history.back();
      }
    });
  });

  // 打印 buttons.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
