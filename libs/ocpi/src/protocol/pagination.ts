/**
 * OCPI 2.2.1 transport_and_format "Pagination": a paginated GET answers with X-Total-Count,
 * X-Limit and, while more pages exist, a Link header `<url>; rel="next"`.
 */
export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

export function pageRequestOf(query: { offset?: string; limit?: string }, maxLimit: number): PageRequest {
  const offset = query.offset === undefined ? 0 : Number.parseInt(query.offset, 10);
  const limit = query.limit === undefined ? maxLimit : Number.parseInt(query.limit, 10);
  return {
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
    limit: Number.isFinite(limit) && limit > 0 ? Math.min(limit, maxLimit) : maxLimit,
  };
}

export function paginationHeaders(baseUrl: string, page: PageRequest, totalCount: number): Record<string, string> {
  const headers: Record<string, string> = { 'X-Total-Count': String(totalCount), 'X-Limit': String(page.limit) };
  const nextOffset = page.offset + page.limit;
  if (nextOffset < totalCount) {
    const url = new URL(baseUrl);
    url.searchParams.set('offset', String(nextOffset));
    url.searchParams.set('limit', String(page.limit));
    headers.Link = `<${url.toString()}>; rel="next"`;
  }
  return headers;
}

/** The `rel="next"` target of a Link header (RFC 8288), or undefined on the last page. */
export function nextPageUrlOf(linkHeader: string | null | undefined): string | undefined {
  if (!linkHeader) return undefined;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*((?:;[^;]*)*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2])?.[1].toLowerCase().split(/\s+/) ?? [];
    if (rels.includes('next')) return match[1];
  }
  return undefined;
}

/** A non-negative integer header (X-Total-Count, X-Limit), or undefined when absent or not one. */
export function countHeaderOf(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\s*\d{1,9}\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}
