import { countHeaderOf, nextPageUrlOf, pageRequestOf, paginationHeaders } from './pagination';

describe('OCPI pagination (transport_and_format "Pagination")', () => {
  it('caps the limit and ignores nonsense', () => {
    expect(pageRequestOf({ offset: '20', limit: '500' }, 100)).toEqual({ offset: 20, limit: 100 });
    expect(pageRequestOf({ offset: '-3', limit: 'x' }, 50)).toEqual({ offset: 0, limit: 50 });
  });

  it('links the next page while there is one', () => {
    // 0..49 of 120: next is 50..99.
    expect(paginationHeaders('https://vpp.example/ocpi/2.2.1/cdrs', { offset: 0, limit: 50 }, 120)).toEqual({
      'X-Total-Count': '120',
      'X-Limit': '50',
      Link: '<https://vpp.example/ocpi/2.2.1/cdrs?offset=50&limit=50>; rel="next"',
    });
    expect(paginationHeaders('https://vpp.example/ocpi/2.2.1/cdrs', { offset: 100, limit: 50 }, 120)).toEqual({ 'X-Total-Count': '120', 'X-Limit': '50' });
  });

  it('follows rel="next" of a Link header, among other links and with filters kept', () => {
    const next = 'https://cpo.example/ocpi/2.2.1/sessions?offset=100&limit=100&date_from=2016-01-01T00:00:00Z';
    expect(nextPageUrlOf(`<${next}>; rel="next"`)).toBe(next);
    expect(nextPageUrlOf(`<https://cpo.example/first>; rel="first", <${next}>; rel=next`)).toBe(next);
    expect(nextPageUrlOf('<https://cpo.example/prev>; rel="prev"')).toBeUndefined();
    expect(nextPageUrlOf(null)).toBeUndefined();
  });

  it('reads X-Total-Count and X-Limit only when they are counts', () => {
    expect(countHeaderOf('120')).toBe(120);
    expect(countHeaderOf('-1')).toBeUndefined();
    expect(countHeaderOf('12a')).toBeUndefined();
    expect(countHeaderOf(null)).toBeUndefined();
  });
});
