// Adds a copy button after a feed address (wijksite, theme "wijk").
//
// Progressive enhancement: the page shows the address as text that can be
// selected and copied by hand; this script only adds a button. Each element
// with data-copy="<id>" gets a button that copies the text of the element
// with that id. The words come from the page (data-copy-button, data-copied,
// data-copy-failed), so they stay in the theme's strings.yaml. No requests,
// no inline code: it works under a strict Content-Security-Policy.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Older browsers and pages over plain http have no navigator.clipboard.
  function copyOld(element) {
    selectText(element);
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  function copy(element, done) {
    var text = element.textContent.trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { done(true); },
        function () { done(copyOld(element)); }
      );
    } else {
      done(copyOld(element));
    }
  }

  function enhance(box) {
    // The script may be on a page twice (a subscribe block and a share
    // block): each box gets one button.
    if (box.getAttribute("data-copy-ready")) {
      return;
    }
    box.setAttribute("data-copy-ready", "1");
    var target = document.getElementById(box.getAttribute("data-copy"));
    if (!target) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button copy-button";
    button.textContent = box.getAttribute("data-copy-button");
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("aria-live", "polite");
    var line = document.createElement("p");
    line.appendChild(button);
    line.appendChild(status);
    box.appendChild(line);
    button.addEventListener("click", function () {
      status.textContent = "";
      copy(target, function (ok) {
        if (ok) {
          status.textContent = box.getAttribute("data-copied");
        } else {
          selectText(target);
          status.textContent = box.getAttribute("data-copy-failed");
        }
      });
    });
  }

  var boxes = document.querySelectorAll("[data-copy]");
  for (var i = 0; i < boxes.length; i++) {
    enhance(boxes[i]);
  }
})();
