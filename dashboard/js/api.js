// Calls to the server's own /api/v1 routes with the token the user pasted (kept in sessionStorage: it goes when the
// tab closes; no cookie, so no other site can make the browser send it). A refused token (401) sends the user back
// to the sign-in form with the server's reason.

const KEY = "preflight.token";

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title);
    this.status = status;
    this.title = title;
  }
}

let onUnauthorized = () => undefined;
/** What to do when the server refuses the token: the sign-in form, with its reason. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** The API's URL for a path ("/runs"), relative to the page: works behind a reverse proxy's prefix too. */
export function apiUrl(path) {
  return new URL(`../api/v1${path}`, location.href).href;
}

/** Opens an API route with the token: the Response, or an ApiError (its status, and the problem's detail). */
export async function request(path, { accept = "application/json", signal, tokenValue } = {}) {
  const bearer = tokenValue ?? token.get();
  let res;
  try {
    res = await fetch(apiUrl(path), { headers: { authorization: `Bearer ${bearer}`, accept }, signal, credentials: "omit", cache: "no-store", redirect: "error" });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "Server unreachable", `could not reach the preflight server (${err.message})`);
  }
  if (res.ok) return res;
  let title = res.statusText;
  let detail = "";
  try {
    const problem = await res.json();
    title = problem.title ?? title;
    detail = problem.detail ?? "";
  } catch {
    // Not a problem document: the status line says it.
  }
  const error = new ApiError(res.status, title, detail || `${res.status} ${title}`);
  if (res.status === 401 && tokenValue === undefined) onUnauthorized(error);
  throw error;
}

export async function getJson(path, options) {
  return (await request(path, options)).json();
}

export async function getText(path, accept, options) {
  return (await request(path, { ...options, accept })).text();
}
