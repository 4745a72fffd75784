// A run's Server-Sent Events (GET /api/v1/runs/:id/events) read with fetch, because EventSource cannot send an
// Authorization header. Calls onEvent(name, data) per event until the stream ends or signal aborts.
import { request } from "./api.js";

export async function followRun(runId, onEvent, signal) {
  const res = await request(`/runs/${encodeURIComponent(runId)}/events`, { accept: "text/event-stream", signal });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length) onEvent(event, JSON.parse(data.join("\n")));
    }
  }
}
