/**
 * One JSON call to the server over Node's `fetch`: the API key, a timeout per attempt
 * (AbortController), retries on 429/503 ({@link ./retry.ts}), and the server's error envelope
 * turned into typed errors.
 */
import { ConnectionError, type ProximaError, TimeoutError, errorFromResponse } from "./errors.js";
import { type RetryPolicy, backoffDelayMs, isRetryable, parseRetryAfter, sleep } from "./retry.js";

/** What a {@link Transport} needs to know. */
export interface TransportOptions {
  readonly apiKey: string | undefined;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
}

/** Sends requests to one server; shared by a client and its collection handles. */
export class Transport {
  /** The server's base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly options: TransportOptions;

  constructor(baseUrl: string, options: TransportOptions) {
    this.baseUrl = baseUrl;
    this.options = options;
  }

  /** The headers every call carries (the key as `Authorization: Bearer`). */
  headers(): Record<string, string> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (this.options.apiKey !== undefined) {
      headers.Authorization = `Bearer ${this.options.apiKey}`;
    }
    return headers;
  }

  /**
   * Sends `method path` with `body` as JSON (if given) and returns the parsed JSON answer, or
   * undefined for 204. Throws a {@link ProximaError} subclass for any non-2xx answer.
   */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { retry } = this.options;
    for (let attempt = 0; ; attempt++) {
      const response = await this.#send(method, path, payload);
      const text = response.text;
      if (response.ok) {
        return (text === "" ? undefined : JSON.parse(text)) as T;
      }
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      const error = errorFromResponse(response.status, text, response.headers.get("x-request-id") ?? undefined,
        retryAfterMs);
      if (!isRetryable(response.status) || attempt >= retry.retries) {
        throw error;
      }
      const delay = backoffDelayMs(attempt, retry, retryAfterMs);
      if (delay === undefined) {
        throw error;
      }
      await sleep(delay);
    }
  }

  // One attempt; the timeout covers the headers and the body, so a server that stalls mid-answer
  // times out too.
  async #send(method: string, path: string, payload: string | undefined): Promise<Answer> {
    const headers = this.headers();
    if (payload !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(this.baseUrl + path, { method, headers, body: payload, signal: controller.signal });
      return { status: response.status, ok: response.ok, headers: response.headers, text: await response.text() };
    } catch (cause) {
      throw failure(cause, controller.signal.aborted, this.options.timeoutMs, method, path);
    } finally {
      clearTimeout(timer);
    }
  }
}

interface Answer {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly text: string;
}

function failure(cause: unknown, timedOut: boolean, timeoutMs: number, method: string, path: string): ProximaError {
  if (timedOut) {
    return new TimeoutError("timeout", `${method} ${path}: no answer within ${timeoutMs} ms`, 0, undefined, { cause });
  }
  // fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, a reset) in its cause.
  const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return new ConnectionError("connection_failed", `${method} ${path}: ${reason}`, 0, undefined, { cause });
}
