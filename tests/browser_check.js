// Runs inside the page under test (inlined by tests/test_browser.py); writes what a reader sees as
// JSON into a PRE element with the id trn-check, which the test reads from --dump-dom output.
(function () {
  function visibleText(el) {
    let out = "";
    el.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) out += node.textContent;
      else if (!node.classList.contains("trn-who") && !node.classList.contains("trn-lab")) out += visibleText(node);
    });
    return out;
  }
  const quotes = {};
  document.querySelectorAll(".trn-q").forEach(function (el) {
    const id = el.dataset.quote;
    const q = quotes[id] || (quotes[id] = {text: "", speaker: el.dataset.speaker || null, fill: null, shown: true});
    q.text += visibleText(el);
    if (!el.dataset.cont) q.fill = getComputedStyle(el).backgroundColor;
    const box = el.getBoundingClientRect();
    q.shown = q.shown && box.width > 0 && box.height > 0;
  });
  Object.keys(quotes).forEach(function (id) {
    const label = document.querySelector('.trn-who[data-quote="' + id + '"]');
    const q = quotes[id];
    q.label = label ? label.textContent : null;
    q.labelInk = label ? getComputedStyle(label).backgroundColor : null;
    const target = label && label.getAttribute("href") ? document.querySelector(label.getAttribute("href")) : null;
    q.target = target ? {cls: target.className, speaker: target.dataset.speaker || null,
                         text: target.textContent, border: getComputedStyle(target).borderTopColor} : null;
  });
  const report = {
    svgs: Array.from(document.querySelectorAll("svg.trn-chart")).map(function (s) { return s.getBoundingClientRect().height; }),
    speakers: Array.from(document.querySelectorAll(".trn-speakers tbody tr")).length,
    heatCells: document.querySelectorAll(".trn-heat td.c[title]").length,
    brokenAnchors: Array.from(document.querySelectorAll('a[href^="#"]')).filter(function (a) {
      return !document.getElementById(a.getAttribute("href").slice(1));
    }).length,
  };
  const pre = document.createElement("pre");
  pre.id = "trn-check";
  pre.textContent = JSON.stringify({quotes: quotes, report: report, scripts: document.scripts.length});
  document.body.appendChild(pre);
})();
