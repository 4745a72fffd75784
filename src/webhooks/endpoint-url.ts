// What a webhook endpoint's URL must be, for `serve --webhook` and POST /api/v1/webhooks alike: http(s), and no
// credentials in it (the receiver checks the signature instead; a password in a URL ends up in logs).

/** The problem with `url` as a webhook endpoint, or undefined when it will do. `label` starts the message. */
export function webhookUrlProblem(url: string, label: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${label}: "${url}" is not a URL`;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return `${label}: "${url}" is not an http(s) URL`;
  if (parsed.username || parsed.password) return `${label}: "${parsed.host}" carries credentials in the URL; the receiver checks the signature instead`;
  return undefined;
}
