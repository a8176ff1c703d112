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
