// Swagger UI for biseo's own OpenAPI description (served locally; no inline script, so the CSP holds).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
