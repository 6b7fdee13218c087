/**
 * report.md as GitHub would show it, for a look in a browser: the Markdown
 * rendered to HTML (marked), ```mermaid blocks drawn by Mermaid in the page,
 * with GitHub's column width and a plain GitHub-like style. Everything is
 * inlined: the page opens from a file with no network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Marked } from 'marked';

const require = createRequire(import.meta.url);

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Mermaid's browser bundle. */
export function mermaidScript(): string {
  return readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
}

export function markdownToHtml(markdown: string): string {
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      code(token) {
        return token.lang === 'mermaid' ? `<pre class="mermaid">${escapeHtml(token.text)}</pre>\n` : false;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}

const STYLE = `
  body { margin: 0; background: #fff; color: #1f2328;
         font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
  main { box-sizing: border-box; max-width: 914px; margin: 16px auto; padding: 16px 24px;
         border: 1px solid #d0d7de; border-radius: 6px; }
  h2 { font-size: 1.5em; border-bottom: 1px solid #d8dee4; padding-bottom: .3em; margin-top: 0; }
  h3 { font-size: 1.25em; margin: 24px 0 16px; }
  table { border-collapse: collapse; display: block; overflow: auto; margin: 0 0 16px; }
  th, td { border: 1px solid #d0d7de; padding: 6px 13px; }
  tr:nth-child(2n) { background: #f6f8fa; }
  code { background: rgba(175,184,193,.2); border-radius: 6px; padding: .2em .4em; font-size: 85%; }
  blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
  pre.mermaid { background: #fff; text-align: center; }
  sub { font-size: 75%; }
`;

export function renderCommentPage(markdown: string, mermaid: string = mermaidScript()): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>planebench comment preview</title>
<style>${STYLE}</style></head>
<body><main>
${markdownToHtml(markdown)}
</main>
<script>${mermaid.replace(/<\/script/gi, '<\\/script')}</script>
<script>
  window.planebenchComment = { ready: false, errors: [] };
  mermaid.initialize({ startOnLoad: false });
  mermaid.run({ querySelector: 'pre.mermaid' }).then(
    () => { window.planebenchComment.ready = true; },
    (error) => { window.planebenchComment.errors.push(String(error)); window.planebenchComment.ready = true; },
  );
</script>
</body></html>
`;
}
