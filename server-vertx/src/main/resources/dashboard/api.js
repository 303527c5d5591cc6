// Calls to the server this page came from, with the API key of this tab when one is set.
// The key lives in sessionStorage only: it is gone when the tab closes and never sent elsewhere.

const KEY_ITEM = 'proximadb.apiKey';

/** Fires 'unauthenticated' (detail: the ApiError) on every 401, and 'keychange' when the key changes. */
export const apiEvents = new EventTarget();

/** A failed call: the HTTP status (0 when the server could not be reached) and the server's error body. */
export class ApiError extends Error {
  constructor(status, code, message, requestId) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }

  /** For people: "404 not_found: no such record". */
  describe() {
    return this.status === 0 ? this.message : `${this.status} ${this.code}: ${this.message}`;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY_ITEM) ?? '';
}

export function setApiKey(key) {
  const trimmed = key.trim();
  if (trimmed) {
    sessionStorage.setItem(KEY_ITEM, trimmed);
  } else {
    sessionStorage.removeItem(KEY_ITEM);
  }
  apiEvents.dispatchEvent(new Event('keychange'));
}

/**
 * Sends one request and answers the parsed JSON (or the text, for other content types).
 * @throws {ApiError} for any answer that is not 2xx, with the server's code and message
 */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const key = apiKey();
  if (key) {
    headers.Authorization = `Bearer ${key}`;
  }
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'unreachable', `cannot reach the server (${e.message})`, null);
  }
  const text = await response.text();
  const json = (response.headers.get('Content-Type') ?? '').startsWith('application/json');
  if (!response.ok) {
    const error = errorOf(response, json ? parse(text) : null);
    if (error.status === 401) {
      apiEvents.dispatchEvent(new CustomEvent('unauthenticated', { detail: error }));
    }
    throw error;
  }
  return json ? parse(text) : text;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);

/** A path segment, percent-encoded as the server expects ("doc/1" is "doc%2F1"). */
export const segment = (value) => encodeURIComponent(value);

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorOf(response, body) {
  const error = body?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(response.status, error.code ?? 'error', error.message, error.request_id ?? null);
  }
  return new ApiError(response.status, 'http_' + response.status, response.statusText || 'request failed',
    response.headers.get('X-Request-Id'));
}
