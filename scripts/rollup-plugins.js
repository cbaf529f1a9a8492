// Build-time shrinking that keeps the source readable:
//  - msg() descriptions are for translators (they reach the XLIFF files); the browser never
//    needs them, so they are dropped from the bundles.
//  - css`` in *.styles.ts loses comments and runs of white space.
//  - html`` templates lose the line breaks and indentation between tags (fewer bytes, and
//    fewer text nodes for Lit to clone and walk on every render).
//  - entry scripts start with V8's explicit compile hint (see compileHint).
//  - every msg() has an explicit id, so @lit/localize's id hashing is left out (see
//    requireMessageIds).
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

const NO_GENERATED_IDS = '\0welcomed:no-generated-message-ids';

/**
 * Fails the build on a msg() call in src/ without an `id`, and so can leave out @lit/localize's
 * id generation (a 64-bit FNV-1a hash in BigInt arithmetic, ~250 B brotli), which runs only for
 * messages without one: its module is replaced by one that throws.
 */
export function requireMessageIds() {
  return {
    name: 'require-message-ids',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('msg(')) return null;
      visit(this.parse(code), (node) => {
        if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'msg') return;
        const options = node.arguments[1];
        const named =
          options?.type === 'ObjectExpression' &&
          options.properties.some((property) => property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === 'id');
        if (!named) this.error(`msg() without an \`id\` option in ${id}: every message needs an explicit id`, node.start);
      });
      return null;
    },
    resolveId(source, importer) {
      if (source === './id-generation.js' && importer?.includes('@lit/localize')) return NO_GENERATED_IDS;
      return null;
    },
    load(id) {
      if (id !== NO_GENERATED_IDS) return null;
      return "export function generateMsgId() { throw new Error('<welcomed-prompt> a message without an id'); }";
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

/**
 * In html`` templates, a run of white space with a line break in it goes when it sits between
 * two tags (or a tag and the template's start or end), and becomes one space anywhere else
 * (beside text or a binding, where it may separate words). Runs without a line break are kept.
 */
export function minifyHtmlTemplates() {
  return {
    name: 'minify-html-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || id.endsWith('.styles.ts') || !code.includes('html')) return null;
      const edited = new MagicString(code);
      let changed = false;
      visit(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || node.tag.name !== 'html') return;
        const quasis = node.quasi.quasis;
        quasis.forEach((quasi, index) => {
          const raw = quasi.value.raw;
          const minified = raw.replace(/\s*\n\s*/g, (run, offset) => {
            const before = offset === 0 ? (index === 0 ? '>' : '') : raw[offset - 1];
            const after = offset + run.length === raw.length ? (index === quasis.length - 1 ? '<' : '') : raw[offset + run.length];
            return before === '>' && after === '<' ? '' : ' ';
          });
          if (minified === raw) return;
          edited.overwrite(quasi.start, quasi.end, minified);
          changed = true;
        });
      });
      return changed ? { code: edited.toString(), map: edited.generateMap({ hires: true }) } : null;
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

/**
 * Marks an entry script for eager compilation (V8's explicit compile hint, Chrome 136+): nearly
 * every function in it runs before the prompt first shows, and compiled eagerly they are
 * compiled on the background thread that streams the script, not one by one on the page's main
 * thread when first called (measured in `npm run bench`: most of the widget's main-thread time
 * at 4× throttle). Other browsers read a comment. Put it after terser, which drops comments.
 */
export function compileHint() {
  return {
    name: 'compile-hint',
    renderChunk(code, chunk) {
      if (!chunk.isEntry) return null;
      const edited = new MagicString(code).prepend('//# allFunctionsCalledOnLoad\n');
      return { code: edited.toString(), map: edited.generateMap({ hires: true }) };
    },
  };
}
