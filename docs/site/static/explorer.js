/* The site's explorers: a slider, select or checkbox moves between frames recorded when the site was built.
   Each .ag-explorer holds its frames' data as JSON; this script only swaps the picture, its alt text,
   the explorer's words and each control's shown value. Range inputs move with the arrow keys by themselves. */
(function () {
  "use strict";

  function position(control, element) {
    if (control.kind === "checkbox") return element.checked ? 1 : 0;
    return parseInt(element.value, 10);
  }

  function setUp(root) {
    var data = JSON.parse(root.querySelector("script.ag-data").textContent);
    var base = root.getAttribute("data-frames");
    var picture = root.querySelector("img.ag-picture");
    var slots = root.querySelectorAll(".ag-html");
    var elements = data.controls.map(function (control, i) {
      return root.querySelector('[data-control="' + i + '"]');
    });
    var preloaded = false;

    function preload() {
      if (preloaded) return;
      preloaded = true;
      var seen = {};
      Object.keys(data.frames).forEach(function (key) {
        var n = data.frames[key].image;
        if (!seen[n]) { seen[n] = true; new Image().src = base + n + ".png"; }
      });
    }

    function show() {
      var key = data.controls.map(function (control, i) { return position(control, elements[i]); }).join(",");
      var frame = data.frames[key];
      if (!frame) return;
      picture.src = base + frame.image + ".png";
      picture.alt = frame.alt;
      frame.html.forEach(function (h, slot) {
        if (slots[slot] && slots[slot].innerHTML !== data.html[h]) slots[slot].innerHTML = data.html[h];
      });
      data.controls.forEach(function (control, i) {
        if (control.kind !== "range") return;
        var text = frame.texts[control.name];
        elements[i].setAttribute("aria-valuetext", text);
        var out = root.querySelector('output[for="' + elements[i].id + '"]');
        if (out) out.textContent = text;
      });
      root.setAttribute("data-key", key);
    }

    elements.forEach(function (element) {
      element.addEventListener("input", show);
      element.addEventListener("change", show);
      element.addEventListener("focus", preload);
      element.addEventListener("pointerenter", preload);
    });
    root.setAttribute("data-key", data.start);
    root.setAttribute("data-ready", "true");
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".ag-explorer"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
})();
