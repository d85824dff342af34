// The summaries: the new-report form shows the fields its kind needs; 定稿 asks before it acts.
(function () {
  "use strict";

  var kind = document.querySelector("select[name='kind']");
  if (kind) {
    var field = function (name) {
      var input = kind.form.querySelector("[name='" + name + "']");
      return input ? input.closest(".mb-3") || input.parentElement : null;
    };
    var refresh = function () {
      var half = field("half"), start = field("start_date"), end = field("end_date"), year = field("year");
      if (half) half.hidden = kind.value !== "half_year";
      if (start) start.hidden = kind.value !== "custom";
      if (end) end.hidden = kind.value !== "custom";
      if (year) year.hidden = kind.value === "custom";
    };
    kind.addEventListener("change", refresh);
    refresh();
  }

  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  });
})();
