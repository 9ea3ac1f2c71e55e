/**
 * Escapes text for HTML (and SVG/XML) element content and quoted attribute values: `&`, `<`, `>`,
 * `"` and `'` become character references, so a metabolite, file or note text from a file (e.g.
 * `<script>`) is shown as text and never parsed as markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
