// Engine events arrive as newline-separated JSON objects that may be split across chunks.
export interface EngineEvent {
  Type: 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'service' | 'node' | 'secret' | 'config' | string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

export class EventLineSplitter {
  private buffer = '';

  constructor(private readonly onEvent: (event: EngineEvent) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) this.emit(line);
      newline = this.buffer.indexOf('\n');
    }
    // Some engines send one object per chunk without a trailing newline.
    const rest = this.buffer.trim();
    if (rest.startsWith('{') && rest.endsWith('}')) {
      try {
        const event = JSON.parse(rest) as EngineEvent;
        this.buffer = '';
        this.deliver(event);
      } catch {
        // incomplete object: wait for more data
      }
    }
  }

  private emit(line: string): void {
    try {
      this.deliver(JSON.parse(line) as EngineEvent);
    } catch {
      // a malformed line is skipped; the next full list corrects any drift
    }
  }

  private deliver(event: EngineEvent): void {
    if (event && typeof event.Type === 'string' && event.Actor && typeof event.Actor.ID === 'string') this.onEvent(event);
  }
}
