import { importsOf, readTrendClientSource } from './render-trend-page.js';

describe('the trend page script', () => {
  it('imports only format-units, which imports nothing', () => {
    const { client, formatUnits } = readTrendClientSource();
    expect(importsOf(client)).toEqual(['../../format-units.js']);
    expect(importsOf(formatUnits)).toEqual([]);
  });

  it('sees every kind of import: static, side-effect, re-export and dynamic', () => {
    const script = [
      "import { a } from './a.js';",
      "import './b.js';",
      "export { c } from './c.js';",
      "const d = await import('./d.js');",
      'const text = "import { e } from \'./e.js\'";',
    ].join('\n');
    expect(importsOf(script)).toEqual(['./a.js', './b.js', './c.js', './d.js']);
  });
});
