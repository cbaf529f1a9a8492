// Build-time shrinking that keeps the source readable:
//  - msg() descriptions are for translators (they reach the XLIFF files); the browser never
//    needs them, so they are dropped from the bundles.
//  - css`` in *.styles.ts loses comments and runs of white space.
import MagicString from 'magic-string';

/** Removes the `desc` property from every `msg(…, { id, desc })` call. */
export function stripMessageDescriptions() {
  return {
    name: 'strip-msg-descriptions',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('desc')) return null;
      const edited = new MagicString(code);
      let changed = false;
      visit(this.parse(code), (node) => {
        if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'msg') return;
        const options = node.arguments[1];
        if (options?.type !== 'ObjectExpression') return;
        options.properties.forEach((property, index) => {
          if (property.type !== 'Property' || property.key.type !== 'Identifier' || property.key.name !== 'desc') return;
          // Remove the property together with the comma that joins it to its neighbour.
          const previous = options.properties[index - 1];
          const next = options.properties[index + 1];
          const start = previous ? previous.end : property.start;
          const end = previous ? property.end : next ? next.start : property.end;
          edited.remove(start, end);
          changed = true;
        });
      });
      return changed ? { code: edited.toString(), map: edited.generateMap({ hires: true }) } : null;
    },
  };
}

/** Collapses white space and drops comments inside css`` templates of *.styles.ts files. */
export function minifyCssTemplates() {
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      const edited = new MagicString(code);
      // TypeScript may print the tag as `css `…``, with a space.
      for (const match of code.matchAll(/\bcss\s*`([^`]*)`/g)) {
        const css = match[1]
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim();
        const start = match.index + match[0].length - match[1].length - 1;
        edited.overwrite(start, start + match[1].length, css);
      }
      return { code: edited.toString(), map: edited.generateMap({ hires: true }) };
    },
  };
}

function visit(node, callback) {
  if (!node || typeof node.type !== 'string') return;
  callback(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => visit(child, callback));
    else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value, callback);
  }
}
