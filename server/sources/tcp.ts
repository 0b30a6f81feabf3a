import { Socket } from 'node:net';
import type { Post } from '../../lib/post';
import { createLineParser, detectFormat, isSkip, type FormatName, type LineParser, type ParseResult } from '../../lib/sources/formats';
import type { Source, SourceHandlers, SourcePosition } from '../../lib/sources/source';
import { Reconnector, checkPositive, guardHandlers, type ReconnectOptions } from './backoff';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, type LineEvent } from './lineReader';

export interface TcpOptions extends ReconnectOptions {
  host: string;
  port: number;
  /** Line format; `auto` (default) detects it from the first non-blank line of each connection. */
  format?: 'auto' | FormatName;
  /** Longest line kept (bytes); longer ones are counted as `oversized` and skipped without being buffered. Default 1 MiB. */
  maxLineBytes?: number;
  /** Give up a connection attempt after this long (ms). Default 10 s. */
  connectTimeoutMs?: number;
}

/**
 * A TCP socket has no way to resume: the position only counts what was read (connections made,
 * lines read in the current one), for the dashboard.
 */
export interface TcpPosition extends SourcePosition {
  connection: number;
  line: number;
}

/**
 * Lines from a TCP server (kind `tcp`), like Spark's `socketTextStream`: JSON Lines or any other
 * replay format, one record per line (a CSV record may span lines). When the server closes the
 * connection or it fails, the source reconnects with backoff; every connection starts a new
 * stream (format detected again, CSV header expected again).
 */
export class TcpSource implements Source {
  readonly kind = 'tcp';
  private readonly host: string;
  private readonly port: number;
  private readonly format: 'auto' | FormatName;
  private readonly maxLineBytes: number;
  private readonly connectTimeoutMs: number;
  private readonly reconnector: Reconnector;
  private handlers: SourceHandlers | null = null;
  private socket: Socket | null = null;
  private connections = 0;
  private line = 0;

  constructor(options: TcpOptions) {
    if (!options.host) throw new Error('tcp source needs a host');
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
      throw new Error(`tcp source port must be an integer 1-65535, got ${options.port}`);
    }
    this.host = options.host;
    this.port = options.port;
    this.format = options.format ?? 'auto';
    this.maxLineBytes = checkPositive('tcp', 'maxLineBytes', options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    this.connectTimeoutMs = checkPositive('tcp', 'connectTimeoutMs', options.connectTimeoutMs ?? 10_000);
    this.reconnector = new Reconnector(
      options,
      () => this.connect(),
      () => this.handlers,
    );
  }

  start(handlers: SourceHandlers, _from?: SourcePosition | null): void {
    this.handlers = guardHandlers(handlers);
    this.handlers.onState('starting');
    this.connect();
  }

  async stop(): Promise<void> {
    this.reconnector.stop();
    const socket = this.socket;
    this.socket = null;
    if (socket && !socket.destroyed) {
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.destroy();
      await closed;
    }
    this.handlers?.onState('stopped');
  }

  position(): TcpPosition {
    return { connection: this.connections, line: this.line };
  }

  private connect(): void {
    if (this.reconnector.isStopped) return;
    const socket = new Socket();
    this.socket = socket;
    this.connections++;
    this.line = 0;
    const splitter = new LineSplitter({ maxLineBytes: this.maxLineBytes });
    let parser: LineParser | null = null;
    let recordLine = 0;
    let lastError = '';
    let ended = false;

    const take = (events: LineEvent[]): void => {
      const posts: Post[] = [];
      const answer = (r: ParseResult | null) => {
        if (r === null || isSkip(r)) return;
        if (r.ok) posts.push(r.post);
        else this.handlers?.onIssue({ kind: 'malformed', message: r.error, line: recordLine });
      };
      for (const ev of events) {
        this.line = ev.line;
        if (ev.kind === 'oversized') {
          this.handlers?.onIssue({ kind: 'oversized', message: `line of ${ev.bytes} bytes over ${this.maxLineBytes}; skipped`, line: ev.line });
          parser?.reset();
          continue;
        }
        if (parser === null) {
          if (ev.text.trim() === '') continue;
          parser = createLineParser(this.format === 'auto' ? detectFormat([ev.text]) : this.format, { source: 'tcp', maxRecordChars: this.maxLineBytes });
        }
        if (!parser.pending) recordLine = ev.line;
        answer(parser.push(ev.text));
      }
      if (ended && parser) answer(parser.finish());
      if (posts.length > 0) this.handlers?.onPosts(posts, this.position());
    };

    socket.setTimeout(this.connectTimeoutMs);
    socket.on('timeout', () => {
      lastError = `no connection after ${this.connectTimeoutMs} ms`;
      socket.destroy();
    });
    socket.on('connect', () => {
      socket.setTimeout(0);
      // Detect a peer that vanished without a FIN (a half-open connection).
      socket.setKeepAlive(true, 30_000);
      this.reconnector.opened();
      this.handlers?.onState('live', `${this.host}:${this.port}`);
    });
    socket.on('data', (chunk: Buffer) => take(splitter.push(chunk)));
    socket.on('end', () => {
      ended = true;
      take(splitter.end());
    });
    socket.on('error', (err) => {
      lastError = err.message;
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.reconnector.dropped(lastError ? `connection failed: ${lastError}` : 'server closed the connection');
    });
    socket.connect(this.port, this.host);
  }
}
