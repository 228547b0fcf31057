/** The dashboard's only way to the server: the JSON API, with the session cookie and CSRF token. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

let csrfToken = '';
/** Set from GET /auth/me or the sign-in answer; sent on every state change. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Listeners told when the session has ended (a 401), so the app shows sign-in. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', `the server cannot be reached (${String(error)})`);
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const e = (
      json as { error?: { code: string; message: string; fields?: Record<string, string> } }
    )?.error;
    if (res.status === 401 && !path.startsWith('/auth/login'))
      for (const l of signedOutListeners) l();
    throw new ApiError(
      res.status,
      e?.code ?? 'http_error',
      e?.message ?? `HTTP ${res.status}`,
      e?.fields,
    );
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', `/api/v1${path}`),
  post: <T>(path: string, body?: unknown) => request<T>('POST', `/api/v1${path}`, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', `/api/v1${path}`, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', `/api/v1${path}`, body),
};
