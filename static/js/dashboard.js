// The dashboard's charts (Apache ECharts), the sortable township table and the print button.
// Data comes from json_script elements; the page reads fine without this script.
(function () {
  "use strict";

  var FONT = 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var COLORS = ["#1f6f4a", "#9aa5b1", "#dc3545", "#0d6efd", "#fd7e14", "#6f42c1", "#20c997"];
  var RISK_COLORS = ["#198754", "#0d6efd", "#fd7e14", "#dc3545"];
  var charts = [];

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function narrow() {
    return window.matchMedia("(max-width: 575.98px)").matches;
  }

  function base(chart) {
    return {
      color: COLORS,
      textStyle: { fontFamily: FONT },
      // Rich-text tooltips are drawn on the canvas: no inline style attributes for the CSP to refuse.
      tooltip: { renderMode: "richText", trigger: chart.kind === "pie" ? "item" : "axis", confine: true },
      grid: { left: 8, right: 16, top: chart.series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
      legend: chart.series.length > 1 ? { top: 0, textStyle: { fontFamily: FONT } } : undefined,
    };
  }

  function option(chart) {
    var opt = base(chart);
    var unit = chart.unit;
    if (chart.kind === "pie") {
      var data = chart.categories
        .map(function (name, i) { return { name: name, value: chart.series[0].data[i] }; })
        .filter(function (item) { return item.value; });
      if (chart.id === "operators-by-risk") opt.color = RISK_COLORS;
      // Names in the legend below, numbers beside the slices: long level names never get cut.
      opt.legend = { bottom: 0, textStyle: { fontFamily: FONT } };
      opt.series = [{
        type: "pie",
        radius: ["35%", "62%"],
        center: ["50%", "45%"],
        data: data,
        label: { formatter: "{c}" + unit + "\n{d}%", fontFamily: FONT },
      }];
      return opt;
    }
    var horizontal = chart.kind === "hbar" || chart.kind === "stacked";
    var categoryAxis = {
      type: "category",
      data: chart.categories,
      axisLabel: { fontFamily: FONT, interval: 0, hideOverlap: !horizontal, width: horizontal ? (narrow() ? 84 : 140) : undefined, overflow: "truncate" },
      inverse: horizontal,
    };
    var valueAxis = { type: "value", minInterval: 1, axisLabel: { fontFamily: FONT } };
    if (unit === "%") { valueAxis.max = 100; valueAxis.minInterval = undefined; valueAxis.axisLabel.formatter = "{value}%"; }
    opt.xAxis = horizontal ? valueAxis : categoryAxis;
    opt.yAxis = horizontal ? categoryAxis : valueAxis;
    if (!horizontal && chart.categories.length > 8) opt.xAxis.axisLabel.rotate = narrow() ? 60 : 0;
    if (chart.kind === "hbar") opt.grid.right = 56;  // room for the value beside the longest bar
    opt.series = chart.series.map(function (series) {
      return {
        name: series.name,
        type: chart.kind === "line" ? "line" : "bar",
        stack: chart.kind === "stacked" ? "total" : undefined,
        data: series.data,
        smooth: false,
        barMaxWidth: 28,
        label: chart.kind === "hbar" ? { show: true, position: "right", formatter: "{c}" + unit, fontFamily: FONT } : undefined,
      };
    });
    if (chart.kind === "stacked") opt.color = ["#1f6f4a", "#dc3545", "#adb5bd"];
    return opt;
  }

  function draw(element, opt, rows) {
    if (rows) element.style.height = Math.max(240, rows * 26 + 60) + "px";
    var instance = echarts.init(element, null, { renderer: "canvas" });
    instance.setOption(opt, true);
    charts.push(instance);
    return instance;
  }

  if (window.echarts) {
    (readJson("dashboard-charts") || []).forEach(function (chart) {
      var element = document.querySelector('[data-chart="' + chart.id + '"]');
      if (!element || chart.empty) return;
      var horizontal = chart.kind === "hbar" || chart.kind === "stacked";
      draw(element, option(chart), horizontal ? chart.categories.length : 0);
    });

    var county = readJson("township-chart");
    var countyElement = document.querySelector("[data-township-chart]");
    var measure = document.getElementById("township-measure");
    if (county && countyElement && measure) {
      var countyChart = null;
      var drawCounty = function () {
        var chosen = county.measures.filter(function (m) { return m.key === measure.value; })[0] || county.measures[0];
        var opt = option({
          id: "townships", kind: "bar", unit: chosen.unit === "%" ? "%" : chosen.unit,
          categories: county.townships, series: [{ name: chosen.label, data: chosen.data }],
        });
        opt.xAxis.axisLabel.rotate = county.townships.length > 6 ? 45 : 0;
        opt.series[0].label = { show: !narrow(), position: "top", fontFamily: FONT };
        if (countyChart) countyChart.setOption(opt, true);
        else countyChart = draw(countyElement, opt, 0);
      };
      measure.addEventListener("change", drawCounty);
      drawCounty();
    }

    window.addEventListener("resize", function () {
      charts.forEach(function (instance) { instance.resize(); });
    });
  }

  // Sort the township table by a column: numbers high to low first, names in pinyin-ish order.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (header, index) {
      var button = header.querySelector(".sort-button");
      if (!button) return;
      button.addEventListener("click", function () {
        var text = button.hasAttribute("data-sort-text");
        var current = header.getAttribute("aria-sort");
        var descending = current ? current === "ascending" : !text;
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].getAttribute("data-sort");
          var y = b.cells[index].getAttribute("data-sort");
          var order = text ? x.localeCompare(y, "zh-CN") : parseFloat(x) - parseFloat(y);
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  document.querySelectorAll('[data-action="print"]').forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
