/**
 * The change feed: `GET /v1/collections/{name}/changes` upgraded to a WebSocket (the `ws`
 * package; Node 20 has no WebSocket of its own), read as an async iterator of {@link ChangeEvent}.
 */
import type { IncomingMessage } from "node:http";
import WebSocket from "ws";
import { ChangesLostError, ConnectionError, type ProximaError, TimeoutError, errorFromResponse } from "./errors.js";
import type { Transport } from "./transport.js";
import type { ChangeEvent } from "./types.js";
import { changeFromWire } from "./wire.js";

// Past this many unread changes the socket is paused, so a slow reader holds the server's queue
// back over TCP (which closes the feed with 4000 once it overflows) instead of filling this process.
const HIGH_WATER = 1024;

/**
 * A live feed of one collection's changes, from the moment {@link openChangeFeed} resolved.
 * Iterate it with `for await`; leaving the loop, or {@link close}, closes the socket. The
 * iteration ends when the feed closes normally (closed here, the collection dropped, the server
 * stopping) and throws {@link ChangesLostError} if the server dropped it for falling behind.
 */
export class ChangeFeed implements AsyncIterableIterator<ChangeEvent> {
  readonly #socket: WebSocket;
  readonly #buffer: ChangeEvent[] = [];
  #waiter: { resolve: (r: IteratorResult<ChangeEvent>) => void; reject: (e: unknown) => void } | undefined;
  #ended = false;
  #failure: unknown;

  /** @internal Use {@link openChangeFeed} (through `collection.watch()`). */
  constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on("message", (data, isBinary) => this.#push(data, isBinary));
    socket.on("close", (code, reason) => this.#end(code, reason.toString()));
    socket.on("error", (error) => {
      this.#failure ??= new ConnectionError("connection_failed", `change feed: ${error.message}`, 0, undefined,
        { cause: error });
    });
  }

  /** Closes the feed; changes not yet read are discarded and the iteration ends. */
  close(): void {
    this.#ended = true;
    this.#failure = undefined;
    this.#buffer.length = 0;
    if (this.#socket.readyState === WebSocket.OPEN || this.#socket.readyState === WebSocket.CONNECTING) {
      this.#socket.close(1000);
    }
    this.#settle();
  }

  next(): Promise<IteratorResult<ChangeEvent>> {
    const event = this.#buffer.shift();
    if (event !== undefined) {
      if (this.#buffer.length < HIGH_WATER / 2 && this.#socket.isPaused) {
        this.#socket.resume();
      }
      return Promise.resolve({ value: event, done: false });
    }
    if (this.#ended) {
      const failure = this.#failure;
      this.#failure = undefined; // thrown once; the iteration is over after that
      return failure === undefined ? Promise.resolve({ value: undefined, done: true }) : Promise.reject(failure);
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** Called when a `for await` loop is left early (break, return, throw): closes the feed. */
  return(): Promise<IteratorResult<ChangeEvent>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #push(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#ended || isBinary) {
      return;
    }
    const event = changeFromWire(JSON.parse(data.toString()));
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter.resolve({ value: event, done: false });
      return;
    }
    this.#buffer.push(event);
    if (this.#buffer.length >= HIGH_WATER && !this.#socket.isPaused) {
      this.#socket.pause();
    }
  }

  // 1000 and 1001 end the iteration quietly; 4000 and abnormal closes (1006 after an error) throw.
  #end(code: number, reason: string): void {
    if (this.#ended) {
      return;
    }
    if (code === 4000) {
      this.#failure = new ChangesLostError("changes_lost",
        `the change feed fell behind and the server closed it (4000${reason ? `: ${reason}` : ""}); read the collection again and watch anew`,
        0);
    } else if (code === 1000 || code === 1001) {
      this.#failure = undefined;
    } else {
      this.#failure ??= new ConnectionError("connection_failed", `change feed closed with ${code}${reason ? `: ${reason}` : ""}`, 0);
    }
    this.#ended = true;
    this.#settle();
  }

  // Wakes a reader waiting on an empty buffer once the feed has ended.
  #settle(): void {
    const waiter = this.#waiter;
    if (waiter === undefined || this.#buffer.length > 0) {
      return;
    }
    this.#waiter = undefined;
    const failure = this.#failure;
    this.#failure = undefined;
    if (failure === undefined) {
      waiter.resolve({ value: undefined, done: true });
    } else {
      waiter.reject(failure);
    }
  }
}

/**
 * Opens the change feed of collection `name`; resolves once the server has answered the upgrade,
 * so every write acknowledged after that is in the feed. A refusal (401, 403, 404) rejects with the
 * server's typed error.
 */
export function openChangeFeed(transport: Transport, name: string): Promise<ChangeFeed> {
  const url = transport.baseUrl.replace(/^http/, "ws") + `/v1/collections/${encodeURIComponent(name)}/changes`;
  const socket = new WebSocket(url, { headers: transport.headers(), handshakeTimeout: transport.options.timeoutMs });
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: ProximaError) => {
      if (!settled) {
        settled = true;
        socket.terminate();
        reject(error);
      }
    };
    socket.once("unexpected-response", (_request, response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => fail(errorFromResponse(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"),
        headerValue(response.headers["x-request-id"]))));
      response.on("error", (error) => fail(new ConnectionError("connection_failed", error.message, 0)));
    });
    socket.once("error", (error) => {
      const timedOut = /timed out/i.test(error.message);
      fail(timedOut
        ? new TimeoutError("timeout", `change feed of ${name}: no upgrade within ${transport.options.timeoutMs} ms`, 0)
        : new ConnectionError("connection_failed", `change feed of ${name}: ${error.message}`, 0, undefined,
          { cause: error }));
    });
    // The feed is created before "open" fires so that no message sent right after the upgrade is missed.
    const feed = new ChangeFeed(socket);
    socket.once("open", () => {
      settled = true;
      resolve(feed);
    });
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
