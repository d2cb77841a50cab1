// Framework types of every tag, generated from the public manifest: dist/types/jsx.d.ts (React
// 19 JSX), vue.d.ts (Vue 3 templates, vue-tsc) and svelte.d.ts (Svelte 5, svelte-check). Each
// framework names bindings its own way, so each file keys them as its type checker looks them
// up: React and Svelte take `customer-id`, `customerId` and `oncustomer-selected`; vue-tsc turns
// `:customer-id` and `@customer-selected` into `customerId` and `onCustomerSelected` first.
// Read-only members (getters without setters) are left out: a binding to them would throw.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pascalCase = (name) => name.replace(/(^|-)(\w)/g, (_, __, letter) => letter.toUpperCase());
const quote = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));
const comment = (text, indent = '  ') =>
  text ? `${indent}/**\n${text.trim().split('\n').map((line) => `${indent} * ${line.replace(/\*\//g, '*\\/')}`.trimEnd()).join('\n')}\n${indent} */\n` : '';

/** The elements of the manifest: settable properties (with their attribute) and events. */
export function elementsOf(manifest) {
  return manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .map((declaration) => ({
      tag: declaration.tagName,
      className: declaration.name,
      description: [declaration.summary, declaration.description].filter(Boolean).join('\n\n'),
      properties: (declaration.members ?? [])
        .filter((member) => member.kind === 'field' && !member.static && !member.readonly)
        .map(({ name, attribute, description }) => ({ name, attribute, description })),
      events: (declaration.events ?? []).map(({ name, type, description }) => ({ name, type: type?.text ?? 'CustomEvent', description })),
    }));
}

/** The detail types the events name (`CustomEvent<TicketSelectedDetail>`), to import. */
const detailTypes = (elements) =>
  [...new Set(elements.flatMap((element) => element.events.map((event) => /^CustomEvent<(\w+)>$/.exec(event.type)?.[1])))]
    .filter((name) => name && name !== 'undefined')
    .sort();

/**
 * The props type of each element for one framework: `keys` says under which names a property
 * and an event are bound.
 */
function propsTypes(elements, { propertyKeys, eventKey, suffix }) {
  return elements.map((element) => {
    const lines = element.properties.flatMap((property) =>
      propertyKeys(property).map((key) => `${comment(property.description)}  ${quote(key)}?: ${element.className}[${JSON.stringify(property.name)}];`),
    );
    for (const event of element.events) lines.push(`${comment(event.description)}  ${quote(eventKey(event.name))}?: (event: ${event.type}) => void;`);
    return `/** Properties, attributes and events of \`<${element.tag}>\`. */\nexport type ${element.className}${suffix} = {\n${lines.join('\n')}\n};\n`;
  });
}

/** The hover text of a tag: what it is and the events that reach it. */
const tagDoc = (element) =>
  comment([element.description, element.events.length ? `Events: ${element.events.map((event) => `\`${event.name}\``).join(', ')}.` : ''].filter(Boolean).join('\n\n'));

function fileText(elements, { header, imports, propsOptions, elementType, augmentation }) {
  return [
    `// Generated from custom-elements.json by scripts/framework-types.mjs; do not edit.\n${header}`,
    `import type { ${[...detailTypes(elements), ...elements.map((element) => element.className)].join(', ')} } from '../index.js';`,
    ...imports,
    '',
    ...propsTypes(elements, propsOptions),
    '/** Every tag of the library under its default name. */',
    'export type CustomElements = {',
    ...elements.map((element) => `${tagDoc(element)}  ${JSON.stringify(element.tag)}: ${elementType(element)};`),
    '};',
    '',
    '/**',
    ' * The same tags under your own names (`defineAll({ prefix: \'acme-\' })` registers',
    ' * `<acme-customer-information-center>`): extend `ScopedElements<\'acme-\'>` where',
    ' * `CustomElements` is extended.',
    ' */',
    'export type ScopedElements<Prefix extends string = \'\', Suffix extends string = \'\'> = {',
    '  [Tag in keyof CustomElements as `${Prefix}${Tag}${Suffix}`]: CustomElements[Tag];',
    '};',
    ...(augmentation ? ['', augmentation] : []),
    '',
  ].join('\n');
}

/** Attributes and properties both: React 19 and Svelte 5 set a property when the element has one. */
const attributeAndProperty = (property) => (property.attribute && property.attribute !== property.name ? [property.attribute, property.name] : [property.name]);

export const frameworks = {
  'jsx.d.ts': (elements) =>
    fileText(elements, {
      header: [
        '// React 19 JSX: `import type { CustomElements } from \'customer-information-center/jsx\';` then',
        '// `declare module \'react\' { namespace JSX { interface IntrinsicElements extends CustomElements {} } }`.',
      ].join('\n'),
      imports: [
        '',
        '/** What React accepts on every element besides its own properties. */',
        'type BaseProps = {',
        '  children?: unknown;',
        '  class?: string;',
        '  className?: string;',
        '  dir?: \'ltr\' | \'rtl\' | \'auto\';',
        '  exportparts?: string;',
        '  hidden?: boolean;',
        '  id?: string;',
        '  key?: string | number | bigint | null;',
        '  lang?: string;',
        '  part?: string;',
        '  ref?: unknown;',
        '  slot?: string;',
        '  style?: Record<string, string | number>;',
        '  tabIndex?: number;',
        '  title?: string;',
        '};',
      ],
      propsOptions: { propertyKeys: attributeAndProperty, eventKey: (name) => `on${name}`, suffix: 'Props' },
      elementType: (element) => `${element.className}Props & BaseProps`,
    }),
  'vue.d.ts': (elements) =>
    fileText(elements, {
      header: "// Vue 3 templates (vue-tsc): `import type {} from 'customer-information-center/vue';` once in the app.",
      imports: ["import type { DefineComponent, HTMLAttributes } from 'vue';"],
      propsOptions: { propertyKeys: (property) => [property.name], eventKey: (name) => `on${pascalCase(name)}`, suffix: 'VueProps' },
      elementType: (element) => `DefineComponent<Omit<HTMLAttributes, keyof ${element.className}VueProps> & ${element.className}VueProps>`,
      augmentation: "declare module 'vue' {\n  // eslint-disable-next-line @typescript-eslint/no-empty-object-type\n  interface GlobalComponents extends CustomElements {}\n}",
    }),
  'svelte.d.ts': (elements) =>
    fileText(elements, {
      header: "// Svelte 5 (svelte-check): `import type {} from 'customer-information-center/svelte';` once in the app.",
      imports: ["import type { HTMLAttributes } from 'svelte/elements';"],
      propsOptions: { propertyKeys: attributeAndProperty, eventKey: (name) => `on${name}`, suffix: 'SvelteProps' },
      elementType: (element) => `Omit<HTMLAttributes<${element.className}>, keyof ${element.className}SvelteProps> & ${element.className}SvelteProps`,
      augmentation:
        "declare module 'svelte/elements' {\n  // eslint-disable-next-line @typescript-eslint/no-empty-object-type\n  interface SvelteHTMLElements extends CustomElements {}\n}",
    }),
};

/**
 * The events that reach each element's host (its own and those bubbling from what it renders),
 * as a TypeScript source the React wrappers type their callback props with: a wrapper offers
 * `onTicketSelected` only where `ticket-selected` can arrive.
 */
export function elementEventsSource(elements) {
  const union = (events) => (events.length ? events.map((event) => `'${event.name}'`).sort().join(' | ') : 'never');
  return [
    '// Generated from custom-elements.json by scripts/framework-types.mjs (npm run analyze); do not edit.',
    '// test/node/react-entries.test.ts fails when it no longer matches the elements\' @fires.',
    '',
    '/** The events that can reach each element\'s host. */',
    'export interface ElementEvents {',
    ...[...elements].sort((a, b) => a.tag.localeCompare(b.tag)).map((element) => `  '${element.tag}': ${union(element.events)};`),
    '}',
    '',
  ].join('\n');
}

/** The analyzer plugin that writes the three files into `outdir`, and the React wrappers' event list into `eventsFile`. */
export function frameworkTypesPlugin({ outdir, eventsFile }) {
  return {
    name: 'cic-framework-types',
    packageLinkPhase({ customElementsManifest }) {
      const elements = elementsOf(customElementsManifest);
      if (eventsFile) writeFileSync(eventsFile, elementEventsSource(elements));
      mkdirSync(outdir, { recursive: true });
      for (const [fileName, generate] of Object.entries(frameworks)) {
        writeFileSync(join(outdir, fileName), generate(elements));
        // An empty module beside the types, so that a plain `import '…/vue'` also bundles.
        writeFileSync(join(outdir, fileName.replace(/\.d\.ts$/, '.js')), '// Types only: see the .d.ts beside this file.\nexport {};\n');
      }
    },
  };
}
