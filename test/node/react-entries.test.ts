// The React entries checked against the list of elements (ELEMENTS). Run in Node (`npm run
// test:node`): React ships no module the browser test runner can load, and Lit's Node build
// lets the elements' modules load here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ELEMENTS } from '../../src/define-all.js';
import { pascalCase } from '../../src/internal/react-component.js';

const tags = Object.keys(ELEMENTS) as (keyof typeof ELEMENTS)[];
const sourceDirectory = new URL('../../src/', import.meta.url);

/** The tag a React component renders, and the name of the element class it wraps. */
function wrapped(component: ComponentType): { tag: string | undefined; className: string | undefined } {
  const markup = renderToStaticMarkup(createElement(component));
  return { tag: /^<([a-z-]+)/.exec(markup)?.[1], className: component.displayName };
}

const expected = (tag: keyof typeof ELEMENTS) => ({ tag, className: ELEMENTS[tag].name });

describe('the React entries', () => {
  it('react/<tag>.js: one per element of the list, exporting one component that renders that element', async () => {
    const files = readdirSync(new URL('react/', sourceDirectory)).map((file) => file.replace(/\.ts$/, ''));
    assert.deepEqual(files.sort(), [...tags].sort());
    for (const tag of tags) {
      const entry = (await import(`../../src/react/${tag}.js`)) as Record<string, ComponentType>;
      assert.deepEqual(Object.keys(entry), [pascalCase(tag)], `react/${tag}.js`);
      assert.deepEqual(wrapped(entry[pascalCase(tag)]), expected(tag), `react/${tag}.js`);
    }
  });

  it('react.js: a component for every element of the list', async () => {
    const entry = (await import('../../src/react.js')) as unknown as Record<string, ComponentType>;
    assert.deepEqual(Object.keys(entry).sort(), tags.map(pascalCase).sort());
    for (const tag of tags) assert.deepEqual(wrapped(entry[pascalCase(tag)]), expected(tag), `react.js: ${pascalCase(tag)}`);
  });
});

describe('the events each React wrapper offers', () => {
  it('src/internal/element-events.ts is what the manifest says reaches each element (npm run analyze writes it)', async () => {
    const generator = '../../scripts/framework-types.mjs'; // plain JavaScript, typed here
    const { elementEventsSource, elementsOf } = (await import(generator)) as {
      elementEventsSource: (elements: unknown) => string;
      elementsOf: (manifest: unknown) => unknown;
    };
    const manifest: unknown = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
    assert.equal(readFileSync(new URL('internal/element-events.ts', sourceDirectory), 'utf8'), elementEventsSource(elementsOf(manifest)));
  });
});

describe('the registration entries', () => {
  it('components/<tag>/define.js: one per element of the list', () => {
    const withDefine = readdirSync(new URL('components/', sourceDirectory), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && readdirSync(new URL(`components/${entry.name}/`, sourceDirectory)).includes('define.ts'))
      .map((entry) => entry.name);
    assert.deepEqual(withDefine.sort(), [...tags].sort());
  });
});
