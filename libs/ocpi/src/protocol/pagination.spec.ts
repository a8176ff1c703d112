import { pageRequestOf, paginationHeaders } from './pagination';

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
});
