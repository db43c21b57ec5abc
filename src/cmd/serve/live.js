// wijksite serve: reloads the page after a rebuild and shows content
// errors as an overlay. Added by `wijksite serve` only; never published.
(function () {
  "use strict";
  var script = document.currentScript;
  var servedVersion = script ? script.getAttribute("data-version") : null;
  var overlayId = "wijksite-fout";

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    return node;
  }

  function hide() {
    var old = document.getElementById(overlayId);
    if (old) { old.parentNode.removeChild(old); }
  }

  function show(problems) {
    hide();
    if (!problems || problems.length === 0) { return; }
    var box = element("section");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", overlayId + "-kop");
    box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;" +
      "max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;" +
      "background:#fff;color:#111;border-top:6px solid #b00020;" +
      "font:1.125rem/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)";
    var title = element("h2", "Fout: de site kan niet worden bijgewerkt");
    title.id = overlayId + "-kop";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.375rem;color:#b00020";
    box.appendChild(title);
    box.appendChild(element("p",
      "U ziet nog de laatste versie die wel werkte. Herstel de fout en sla het " +
      "bestand op. Deze pagina ververst dan vanzelf."));
    var list = element("ul");
    list.style.cssText = "margin:0;padding-left:1.25rem";
    problems.forEach(function (p) {
      var item = element("li");
      item.style.margin = ".5rem 0";
      var place = p.file + (p.line ? ", regel " + p.line : "");
      item.appendChild(element("strong", place));
      item.appendChild(element("span", ": " + p.message));
      if (p.hint) {
        var hint = element("p", "Tip: " + p.hint);
        hint.style.margin = ".25rem 0 0";
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = element("button", "Verbergen");
    close.type = "button";
    close.style.cssText = "margin-top:.75rem;font:inherit;padding:.25rem 1rem";
    close.addEventListener("click", hide);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  if (!window.EventSource) { return; }
  var events = new EventSource("/__wijksite/events");
  events.addEventListener("hello", function (e) {
    var state = JSON.parse(e.data);
    if (servedVersion !== null && String(state.version) !== servedVersion) {
      window.location.reload();
    }
  });
  events.addEventListener("reload", function () { window.location.reload(); });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
})();
