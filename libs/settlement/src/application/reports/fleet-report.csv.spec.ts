import { csvField, toCsv } from './fleet-report.csv';

describe('RFC 4180 CSV', () => {
  it('quotes only fields that need it and doubles quotes', () => {
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"'), csvField('two\nlines'), csvField(null), csvField(1.5)]).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '',
      '1.5',
    ]);
  });

  it('ends every record with CRLF, header first', () => {
    expect(toCsv(['a', 'b'], [['1', 'x,y'], ['2', null]])).toBe('a,b\r\n1,"x,y"\r\n2,\r\n');
  });
});
