/** What an OpenAI-compatible chat-completions SSE stream contained so far. */
export interface SseTally {
  events: number;
  /** Content deltas (each chunk carrying `choices[].delta.content` or `choices[].text`); a token approximation. */
  tokens: number;
  /** Events whose data is neither JSON nor `[DONE]`, and lines that are not SSE fields. */
  malformed: number;
  /** `event: error` events or JSON objects with an `error` member. */
  streamErrors: number;
  firstError: string | null;
  done: boolean;
}

/**
 * An incremental SSE parser (WHATWG event-stream rules: lines split on CR, LF or CRLF; a blank
 * line ends an event; `:` starts a comment). `onToken` fires on the first content of each chunk.
 */
export class SseParser {
  readonly tally: SseTally = {
    events: 0,
    tokens: 0,
    malformed: 0,
    streamErrors: 0,
    firstError: null,
    done: false,
  };
  private buffer = "";
  private data: string[] = [];
  private eventName = "message";
  private readonly decoder = new TextDecoder();

  constructor(private readonly onToken: () => void = () => {}) {}

  push(chunk: Uint8Array): void {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    let index = this.buffer.search(/\r\n|\r|\n/);
    while (index >= 0) {
      const newline = this.buffer.startsWith("\r\n", index) ? 2 : 1;
      // a lone CR at the end of the buffer may be the first half of CRLF: wait for more
      if (newline === 1 && this.buffer[index] === "\r" && index === this.buffer.length - 1) break;
      this.line(this.buffer.slice(0, index));
      this.buffer = this.buffer.slice(index + newline);
      index = this.buffer.search(/\r\n|\r|\n/);
    }
  }

  /** The stream ended: a pending event without its blank line still counts. */
  end(): SseTally {
    if (this.buffer) this.line(this.buffer);
    this.buffer = "";
    this.dispatch();
    return this.tally;
  }

  private line(line: string): void {
    if (line === "") {
      this.dispatch();
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.eventName = value;
    else if (field !== "id" && field !== "retry") this.tally.malformed++;
  }

  private dispatch(): void {
    if (this.data.length === 0) {
      this.eventName = "message";
      return;
    }
    const data = this.data.join("\n");
    const name = this.eventName;
    this.data = [];
    this.eventName = "message";
    this.tally.events++;
    if (data.trim() === "[DONE]") {
      this.tally.done = true;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      this.tally.malformed++;
      return;
    }
    if (name === "error" || (parsed && typeof parsed === "object" && "error" in parsed)) {
      this.tally.streamErrors++;
      const err = (parsed as { error?: { message?: unknown } | string }).error;
      const message =
        typeof err === "string" ? err : typeof err?.message === "string" ? err.message : "error event";
      this.tally.firstError ??= message.slice(0, 200);
      return;
    }
    if (hasContent(parsed)) {
      this.tally.tokens++;
      this.onToken();
    }
  }
}

function hasContent(value: unknown): boolean {
  const choices = (value as { choices?: unknown })?.choices;
  if (!Array.isArray(choices)) return false;
  return choices.some((c) => {
    const content = c?.delta?.content ?? c?.text;
    return typeof content === "string" && content.length > 0;
  });
}
