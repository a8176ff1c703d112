/** JSON over HTTP to the platform as a party would call it: an API key or a Bearer token, expected statuses checked. */
export type Caller = { readonly key?: string; readonly bearer?: string; /** An operator acting for a client under its delegation (X-On-Behalf-Of). */ readonly onBehalfOf?: string };

export async function callApi<T>(baseUrl: string, method: string, path: string, who: Caller, body?: unknown, expected: readonly number[] = [200, 201]): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (who.key) headers['x-api-key'] = who.key;
  if (who.bearer) headers.authorization = `Bearer ${who.bearer}`;
  if (who.onBehalfOf) headers['x-on-behalf-of'] = who.onBehalfOf;
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return (text.length > 0 ? JSON.parse(text) : {}) as T;
}
