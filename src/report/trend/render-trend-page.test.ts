import { importsOf, readTrendClientSource } from './render-trend-page.js';

describe('the trend page script', () => {
  it('imports only the page modules, which import nothing', () => {
    const { client, modules } = readTrendClientSource();
    expect(importsOf(client).sort()).toEqual(Object.keys(modules).sort());
    expect(Object.keys(modules)).toContain('../../../lib/format-units.js');
    for (const source of Object.values(modules)) expect(importsOf(source)).toEqual([]);
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
