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

  // 打印 buttons.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
