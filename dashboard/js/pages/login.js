// Sign in: the user pastes an API token; it is tried on GET /api/v1/runs before it is kept (sessionStorage), so a
// wrong or revoked token is said at once, in words, rather than as an empty page.
import { ApiError, getJson, token } from "../api.js";
import { h, message, show } from "../dom.js";

export function renderLogin(main, { next, error } = {}) {
  const input = h("input", { id: "token", name: "token", type: "password", autocomplete: "off", spellcheck: "false", required: true, placeholder: "pft_…" });
  const status = h("div", { id: "login-status" }, error ? message("error", error) : null);
  const button = h("button", { type: "submit" }, "Sign in");
  const form = h(
    "form",
    { id: "login", class: "login", novalidate: true },
    h("h1", {}, "Sign in to the preflight dashboard"),
    h("p", {}, "Paste an API token (see docs/server.md, \"Tokens, roles, groups\"). It stays in this browser tab only and is sent to this server only."),
    h("label", { for: "token" }, "API token"),
    input,
    button,
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (!value) {
      show(status, message("error", "Paste a token first."));
      return;
    }
    button.disabled = true;
    show(status, message("note", "Checking the token…"));
    try {
      await getJson("/runs?limit=1", { tokenValue: value });
      token.set(value);
      input.value = "";
      if (next && next !== location.hash) location.hash = next;
      else window.dispatchEvent(new HashChangeEvent("hashchange"));
    } catch (err) {
      const text =
        err instanceof ApiError && err.status === 401
          ? `This token was not accepted: it is unknown, mistyped or revoked (${err.message}).`
          : err instanceof ApiError && err.status === 403
            ? `This token may not read runs: ${err.message}`
            : `Could not sign in: ${err.message}`;
      show(status, message("error", text));
    } finally {
      button.disabled = false;
    }
  });
  show(main, form);
  input.focus();
}
