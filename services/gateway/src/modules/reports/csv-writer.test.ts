import { parse } from 'csv-parse/sync';
import { neutralizeFormula, toCsv } from './csv-writer';

describe('neutralizeFormula', () => {
  test.each(['=HYPERLINK("http://evil.example","click")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'])(
    'when a cell starts like a formula (%j), then it gets a leading quote',
    (cell) => {
      expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    },
  );

  test.each(['-12.5', '+3', '-0', 'finance', '', ' =1+1', 'a=b', '2026-11-30', '0.01'])('when a cell is plain (%j), then it is unchanged', (cell) => {
    expect(neutralizeFormula(cell)).toBe(cell);
  });
});

describe('toCsv', () => {
  const columns = [
    { label: 'name', value: (row: { name: string | null; amount: string; count: number }) => row.name },
    { label: 'amount', value: (row: { amount: string }) => row.amount },
    { label: 'count', value: (row: { count: number }) => row.count },
  ];

  test('when cells hold separators, quotes, line breaks and unicode, then RFC 4180 quoting round-trips them', () => {
    const names = ['a,b', 'say "hi"', 'two\nlines', 'cr\rlf\r\n', 'Zürich € 東京 🚀', ' padded ', null];
    const csv = toCsv(names.map((name, i) => ({ name, amount: `${i}.50`, count: i })), columns);

    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parse(csv, { columns: true })).toEqual(names.map((name, i) => ({ name: name ?? '', amount: `${i}.50`, count: String(i) })));
  });

  test('when a cell is a formula, then it is written inert and quoted only if needed', () => {
    const csv = toCsv([{ name: '=HYPERLINK("http://evil.example","x")', amount: '1.00', count: 1 }], columns);

    expect(csv).toBe('name,amount,count\r\n"\'=HYPERLINK(""http://evil.example"",""x"")",1.00,1\r\n');
  });

  test('when there are no rows, then the header alone is written', () => {
    expect(toCsv([], columns)).toBe('name,amount,count\r\n');
  });
});
