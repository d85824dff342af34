// Formsets that grow in the browser: a button[data-formset-add="<prefix>"] appends rows cloned
// from <template id="<prefix>-empty"> into #<prefix>-rows and keeps TOTAL_FORMS in step.
(function () {
  "use strict";
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    var prefix = button.dataset.formsetAdd;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var maximum = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var template = document.getElementById(prefix + "-empty");
    var container = document.getElementById(prefix + "-rows");
    var counter = document.getElementById(prefix + "-count");
    if (!total || !template || !container) return;
    button.addEventListener("click", function () {
      var count = parseInt(button.dataset.count || "1", 10);
      var limit = maximum ? parseInt(maximum.value, 10) : Infinity;
      var first = null;
      for (var i = 0; i < count; i++) {
        var index = parseInt(total.value, 10);
        if (index >= limit) break;
        var html = template.innerHTML.replace(/__prefix__/g, index).replace(/__num__/g, index + 1);
        container.insertAdjacentHTML("beforeend", html);
        total.value = index + 1;
        if (first === null) first = container.lastElementChild;
      }
      if (counter) counter.textContent = total.value;
      var input = first && first.querySelector("input:not([type=hidden]), select");
      if (input) input.focus();
    });
  });
})();
