// CrmCdp web forms. On a hosted form page it only adds the visitor's analytics.js anonymous id; on any other site it
// renders each <div data-crmcdp-form="KEY"> from the form's definition and posts it as JSON, showing the thank-you text.
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script && script.src ? new URL(script.src).origin : window.location.origin;

  function anonymousId() {
    try {
      if (window.analytics && typeof window.analytics.user === "function") {
        var id = window.analytics.user().anonymousId();
        if (id) { return id; }
      }
    } catch (e) { /* analytics.js not ready: fall back to its storage */ }
    var match = document.cookie.match(/(?:^|;\s*)ajs_anonymous_id=([^;]+)/);
    var stored = match ? decodeURIComponent(match[1]) : (window.localStorage && window.localStorage.getItem("ajs_anonymous_id"));
    return stored ? stored.replace(/^"|"$/g, "") : "";
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function render(host, definition) {
    var form = element("form", { novalidate: "true" });
    definition.fields.forEach(function (field) {
      var id = "crmcdp_" + definition.key + "_" + field.name;
      form.appendChild(element("label", { "for": id }, field.label + (field.required ? " *" : "")));
      var input = field.type === "textarea" ? element("textarea", { id: id, name: field.name, rows: "4" }) : element("input", { id: id, name: field.name, type: field.type });
      if (field.required) { input.setAttribute("required", "required"); }
      form.appendChild(input);
      form.appendChild(element("div", { "class": "crmcdp-error", "data-field": field.name, role: "alert" }));
    });
    definition.consents.forEach(function (consent) {
      var label = element("label", { "class": "crmcdp-consent" });
      label.appendChild(element("input", { type: "checkbox", name: consent.name, value: "true" }));
      label.appendChild(element("span", {}, " " + consent.text));
      form.appendChild(label);
    });
    var trap = element("div", { "aria-hidden": "true", style: "position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden" });
    trap.appendChild(element("input", { name: definition.honeypot, tabindex: "-1", autocomplete: "off" }));
    form.appendChild(trap);
    form.appendChild(element("button", { type: "submit" }, "Send"));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = { anonymousId: anonymousId() };
      body[definition.tokenField] = definition.token;
      Array.prototype.forEach.call(form.elements, function (input) {
        if (!input.name) { return; }
        body[input.name] = input.type === "checkbox" ? input.checked : input.value;
      });
      fetch(origin + "/f/" + encodeURIComponent(definition.key), {
        // text/plain keeps it a simple cross-origin request (no preflight); the server reads JSON whatever the type says.
        method: "POST", headers: { "Content-Type": "text/plain", Accept: "application/json" }, body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
      }).then(function (result) {
        Array.prototype.forEach.call(form.querySelectorAll(".crmcdp-error"), function (node) { node.textContent = ""; });
        if (result.ok) {
          host.textContent = result.answer.message;
          return;
        }
        var errors = result.answer.errors || {};
        Object.keys(errors).forEach(function (name) {
          var slot = form.querySelector('.crmcdp-error[data-field="' + name + '"]');
          if (slot) { slot.textContent = errors[name].join(" "); }
        });
      });
    });
    host.appendChild(form);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-crmcdp-rendered] input[name=anonymousId]"), function (input) {
      if (!input.value) { input.value = anonymousId(); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("div[data-crmcdp-form]"), function (host) {
      var key = host.getAttribute("data-crmcdp-form");
      fetch(origin + "/f/" + encodeURIComponent(key) + "/definition", { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (definition) { if (definition) { render(host, definition); } });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
