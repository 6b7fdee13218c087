import { markdownToHtml, renderCommentPage } from './render-comment-page.js';

describe('the comment as GitHub would render it', () => {
  test('tables, details and code as HTML; mermaid blocks left for Mermaid to draw', () => {
    const html = markdownToHtml(
      [
        '## planebench: ✅ no regression',
        '',
        '| a | b |',
        '|---|---|',
        '| 1 | 2 |',
        '',
        '```mermaid',
        'xychart-beta',
        '  bar [1, 2]',
        '```',
      ].join('\n'),
    );
    expect(html).toContain('<h2>planebench: ✅ no regression</h2>');
    expect(html).toContain('<table>');
    expect(html).toContain('<pre class="mermaid">xychart-beta\n  bar [1, 2]</pre>');
  });

  test('the page inlines Mermaid (no network) and cannot be closed early by a script tag in it', () => {
    const page = renderCommentPage('text', 'window.mermaid = {}; "</script>";');
    expect(page).toContain('window.mermaid = {};');
    expect(page).not.toMatch(/"<\/script>"/);
    expect(page).not.toMatch(/src="http/);
  });
});
