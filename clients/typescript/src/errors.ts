/**
 * The server's errors as typed exceptions. Every non-2xx answer of ProximaDB carries
 * `{"error": {"code", "message", "request_id"}}`; {@link errorFromResponse} turns it into the
 * subclass of {@link ProximaError} its code names, so callers can `catch (e) { if (e instanceof
 * NotFoundError) ... }` instead of comparing strings.
 */

/** Any failure reported by the server, or by this client on its way there (`status` is 0 then). */
export class ProximaError extends Error {
  /** The server's error code, such as `not_found`, or this client's (`timeout`, `connection_failed`, `changes_lost`). */
  readonly code: string;
  /** The HTTP status, or 0 when no answer came (timeout, connection failure). */
  readonly status: number;
  /** The server's request id (also in its access log), when an answer came. */
  readonly requestId: string | undefined;

  constructor(code: string, message: string, status: number, requestId?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.requestId = requestId;
  }
}

/** 404 `not_found`: an unknown collection, record or endpoint (or another tenant's collection). */
export class NotFoundError extends ProximaError {}

/** 409 `already_exists`: a collection created under a name that is taken. */
export class AlreadyExistsError extends ProximaError {}

/** 400 `invalid_argument` (or `plugin_unavailable`): the request was refused and nothing changed. */
export class InvalidArgumentError extends ProximaError {}

/** 401 `unauthenticated`: no API key, a malformed one, or an unknown or revoked one. */
export class UnauthenticatedError extends ProximaError {}

/** 403 `permission_denied`: the key's role may not do this. */
export class PermissionDeniedError extends ProximaError {}

/** 429 `rate_limited`: the key sent more than the server's rate limit allows. */
export class RateLimitedError extends ProximaError {
  /** What the server's `Retry-After` asked for, in milliseconds, if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, status: number, requestId?: string, retryAfterMs?: number) {
    super(code, message, status, requestId);
    this.retryAfterMs = retryAfterMs;
  }
}

/** 503 `unavailable`: the database is still opening, failed to open, or the server is stopping. */
export class UnavailableError extends ProximaError {
  /** What the server's `Retry-After` asked for, in milliseconds, if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, status: number, requestId?: string, retryAfterMs?: number) {
    super(code, message, status, requestId);
    this.retryAfterMs = retryAfterMs;
  }
}

/** No answer within the client's `timeoutMs` (code `timeout`). */
export class TimeoutError extends ProximaError {}

/** The server could not be reached, or the connection broke before an answer (code `connection_failed`). */
export class ConnectionError extends ProximaError {}

/**
 * The change feed fell too far behind and the server closed it (WebSocket code 4000, code
 * `changes_lost`): changes were lost, so read the collection again and watch anew.
 */
export class ChangesLostError extends ProximaError {}

type Constructor = new (code: string, message: string, status: number, requestId?: string) => ProximaError;

const BY_CODE: Readonly<Record<string, Constructor>> = {
  not_found: NotFoundError,
  already_exists: AlreadyExistsError,
  invalid_argument: InvalidArgumentError,
  plugin_unavailable: InvalidArgumentError,
  unauthenticated: UnauthenticatedError,
  permission_denied: PermissionDeniedError,
};

// An answer without the server's envelope (a proxy in between, say) still gets a code, from its status.
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: "invalid_argument",
  401: "unauthenticated",
  403: "permission_denied",
  404: "not_found",
  405: "method_not_allowed",
  409: "already_exists",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  500: "internal",
  503: "unavailable",
};

/**
 * Builds the typed error for a non-2xx answer: `body` is its text (the server's JSON envelope, or
 * anything else), `requestId` its `X-Request-Id` header, `retryAfterMs` its parsed `Retry-After`.
 */
export function errorFromResponse(status: number, body: string, requestId?: string, retryAfterMs?: number): ProximaError {
  let code = CODE_BY_STATUS[status] ?? (status >= 500 ? "internal" : "unknown");
  let message = body.trim() === "" ? `HTTP ${status}` : `HTTP ${status}: ${body.slice(0, 500)}`;
  let id = requestId;
  try {
    const parsed: unknown = JSON.parse(body);
    const error = (parsed as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
    if (error && typeof error.code === "string" && typeof error.message === "string") {
      code = error.code;
      message = error.message;
      if (typeof error.request_id === "string") {
        id = error.request_id;
      }
    }
  } catch {
    // Not JSON: keep the status's code and the raw text as the message.
  }
  if (code === "rate_limited") {
    return new RateLimitedError(code, message, status, id, retryAfterMs);
  }
  if (code === "unavailable") {
    return new UnavailableError(code, message, status, id, retryAfterMs);
  }
  const Type = BY_CODE[code] ?? ProximaError;
  return new Type(code, message, status, id);
}
