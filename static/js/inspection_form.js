// The inspection form: show what the chosen kind needs, and count failed items as they are marked.
(function () {
  "use strict";
  var form = document.querySelector("form.inspection-form");
  if (!form) return;
  var kind = form.querySelector("select[name='kind']");

  function showForKind() {
    form.querySelectorAll("[data-kind-only]").forEach(function (el) {
      el.hidden = el.dataset.kindOnly !== kind.value;
    });
    form.querySelectorAll("[data-kind-not]").forEach(function (el) {
      el.hidden = el.dataset.kindNot === kind.value;
    });
  }

  var summary = document.getElementById("checklist-summary");
  function refreshItems() {
    var failed = 0, failedKey = 0;
    form.querySelectorAll(".checklist-item").forEach(function (row) {
      var checked = row.querySelector(".outcome-group input:checked");
      var isFail = checked && checked.value === "fail";
      row.querySelector(".failure-details").hidden = !isFail;
      row.classList.toggle("item-failed", isFail);
      if (isFail) {
        failed += 1;
        if (row.dataset.key === "1") failedKey += 1;
      }
    });
    if (summary) {
      summary.textContent = failed ? "不符合 " + failed + " 项（重点项 " + failedKey + " 项）" : "全部符合";
      summary.className = "small " + (failedKey ? "text-danger fw-bold" : failed ? "text-warning-emphasis" : "text-success");
    }
  }

  kind.addEventListener("change", showForKind);
  form.addEventListener("change", function (event) {
    if (event.target.closest(".outcome-group")) refreshItems();
  });
  showForKind();
  refreshItems();
})();
