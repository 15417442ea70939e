/* A code block wider than the page scrolls sideways; a keyboard user must be able to reach it to scroll it
   (WCAG 2.1.1; axe's scrollable-region-focusable). Every such block joins the tab order, named by its role. */
(function () {
  "use strict";
  function markScrollable() {
    Array.prototype.forEach.call(document.querySelectorAll("article pre"), function (block) {
      if (block.scrollWidth > block.clientWidth + 1 && !block.hasAttribute("tabindex")) {
        block.setAttribute("tabindex", "0");
        block.setAttribute("role", "region");
        block.setAttribute("aria-label", "code, scrolls sideways");
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markScrollable);
  else markScrollable();
})();
