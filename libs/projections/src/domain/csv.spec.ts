import { csvField, toCsv } from './csv';

describe('decision log CSV', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvField('Lead agency, PCT')).toBe('"Lead agency, PCT"');
    expect(csvField('the "joint" model')).toBe('"the ""joint"" model"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(toCsv(['a', 'b'], [[1, null]])).toBe('a,b\r\n1,\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe('"\'=HYPERLINK(""http://x"",""click"")"');
    expect(csvField('+44 1234')).toBe("'+44 1234");
    expect(csvField('-2 days')).toBe("'-2 days");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe('-2');
  });
});
