// Timeline filters: progressive enhancement. Without JavaScript the form stays
// hidden and the full list reads as it is.
(function () {
  "use strict";
  var form = document.getElementById("timeline-filters");
  if (!form) return;
  form.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll(".statement"));
  var params = new URLSearchParams(window.location.search);
  ["actor", "kind", "verification"].forEach(function (name) {
    if (params.get(name)) form.elements[name].value = params.get(name);
  });
  // "3 of 8 statements" in the page's language: the template writes the message
  // for this page's total with a `{shown}` slot, and the language's digits.
  var out = form.elements.shown;
  var digits = out.dataset.digits || "0123456789";
  function count(shown) {
    var n = String(shown).replace(/[0-9]/g, function (d) { return digits.charAt(+d) || d; });
    var template = out.dataset.template;
    return template ? template.replace("{shown}", n) : shown + " of " + items.length + " statements";
  }
  function apply() {
    var actor = form.elements.actor.value;
    var kind = form.elements.kind.value;
    var verification = form.elements.verification.value;
    var shown = 0;
    items.forEach(function (li) {
      var ok = (!actor || (" " + li.dataset.actors + " ").indexOf(" " + actor + " ") >= 0) &&
        (!kind || li.dataset.kind === kind) &&
        (!verification || li.dataset.verification === verification);
      li.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll(".day, .month").forEach(function (section) {
      section.hidden = section.querySelector(".statement:not([hidden])") === null;
    });
    form.elements.shown.value = count(shown);
    var filtered = Boolean(actor || kind || verification);
    reset.hidden = !filtered;
    empty.hidden = shown > 0;
    var query = new URLSearchParams();
    if (actor) query.set("actor", actor);
    if (kind) query.set("kind", kind);
    if (verification) query.set("verification", verification);
    var qs = query.toString();
    window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
  }
  var reset = form.querySelector(".filter-reset");
  var empty = document.querySelector(".filter-empty");
  reset.addEventListener("click", function () {
    ["actor", "kind", "verification"].forEach(function (name) { form.elements[name].value = ""; });
    apply();
    form.elements.actor.focus();
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  apply();
})();
