// Parses a text/event-stream body (the serve API's run events) into its events.
export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

export function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of body.split(/\n\n/)) {
    if (!block.trim()) continue;
    const fields: Record<string, string> = {};
    for (const line of block.split("\n")) {
      const i = line.indexOf(":");
      if (i <= 0) continue;
      const name = line.slice(0, i);
      const value = line.slice(i + 1).replace(/^ /, "");
      fields[name] = name in fields ? `${fields[name]}\n${value}` : value;
    }
    events.push({ ...(fields.id ? { id: fields.id } : {}), event: fields.event ?? "message", data: fields.data === undefined ? undefined : JSON.parse(fields.data) });
  }
  return events;
}
