/**
 * The trend page's filter box: a chart stays when every whitespace-separated
 * term typed occurs in its name (`suite/scenario/variant/metric`), ignoring
 * case; an empty box keeps every chart. This module is served to the page as
 * is and imports nothing.
 */
export function matchesFilter(name: string, query: string): boolean {
  const text = name.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== '')
    .every((term) => text.includes(term));
}
