// The manifest (custom-elements.json) as tools that read it need it: the public API only,
// types spelled out (`view: 'reminder' | 'escalated' | …`, not the alias), every event with
// its detail type, and paths to the files the package ships (dist/*.js).
import { readFileSync } from 'node:fs';
import { getTsProgram, typeParserPlugin } from '@wc-toolkit/type-parser';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { frameworkTypesPlugin } from './scripts/framework-types.mjs';

/** Event name → detail type, from src/events.ts's CicEventMap. */
function eventDetails() {
  const source = readFileSync('src/events.ts', 'utf8');
  const map = /interface CicEventMap \{([\s\S]*?)\n\}/.exec(source)[1];
  return Object.fromEntries([...map.matchAll(/'([a-z-]+)': ([^;]+);/g)].map(([, name, detail]) => [name, detail.trim()]));
}

/** Where a source module ships: dist/*.js (the self-contained bundle as dist/cic.bundle.js). */
const shipped = (path) => (path === 'src/bundle.ts' ? 'dist/cic.bundle.js' : path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js'));
const isPublic = (member) => !member.privacy || member.privacy === 'public';

function publicManifestPlugin() {
  const details = eventDetails();
  return {
    name: 'cic-public-manifest',
    packageLinkPhase({ customElementsManifest }) {
      // A module of types only (nothing declared, nothing exported) ships no JavaScript.
      customElementsManifest.modules = customElementsManifest.modules.filter((m) => m.declarations?.length || m.exports?.length);
      for (const module of customElementsManifest.modules) {
        module.path = shipped(module.path);
        // Not definitions: `customElements.define(tag, constructor)` inside defineElement is
        // read as a tag named "tag"; function overloads are read as one declaration each.
        module.exports = module.exports?.filter((entry) => entry.kind !== 'custom-element-definition' || entry.name.includes('-'));
        module.declarations = module.declarations?.filter((d, i, all) => all.findIndex((other) => other.name === d.name) === i);
        for (const entry of module.exports ?? []) if (entry.declaration?.module) entry.declaration.module = shipped(entry.declaration.module);
        for (const declaration of module.declarations ?? []) {
          if (declaration.superclass?.module) declaration.superclass.module = shipped(declaration.superclass.module);
          declaration.members = declaration.members?.filter(isPublic);
          for (const item of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
            // Unions of literals spelled out; object types stay as named (their expansion is unreadable).
            if (item.parsedType?.text && !item.parsedType.text.includes('{')) item.type = { text: item.parsedType.text };
            delete item.parsedType;
            if (item.inheritedFrom?.module) item.inheritedFrom.module = shipped(item.inheritedFrom.module);
          }
          for (const event of declaration.events ?? []) {
            const detail = details[event.name];
            if (detail) event.type = { text: detail === 'undefined' ? 'CustomEvent<undefined>' : `CustomEvent<${detail}>` };
          }
          for (const property of declaration.cssProperties ?? []) property.default ??= tokenDefaults.get(property.name);
        }
      }
      addBubblingEvents(customElementsManifest.modules.flatMap((module) => module.declarations ?? []));
    },
  };
}

/**
 * What each token falls back to, read from the theme styles' `var(--cic-x, fallback)`: a colour
 * as its light and dark value, so that an editor's hover states the real default.
 */
function readTokenDefaults() {
  const styles = readFileSync('src/internal/theme.styles.ts', 'utf8');
  const defaults = new Map([['--cic-font-family', "the page's font (inherited)"]]);
  for (const [, name, fallback] of styles.matchAll(/var\((--cic-[a-z0-9-]+), (.+)\);$/gm)) {
    const scheme = /^light-dark\(var\(--cic-[a-z0-9-]+-light, (.+)\), var\(--cic-[a-z0-9-]+-dark, (.+)\)\)$/.exec(fallback);
    defaults.set(name, scheme ? `light ${scheme[1]}, dark ${scheme[2]}` : fallback);
  }
  return defaults;
}
const tokenDefaults = readTokenDefaults();

/**
 * Events bubble and are composed: every event of an element the container renders (its
 * `static dependencies`, and theirs) reaches the container's host too, so it is listed there,
 * and the framework types generated from this manifest accept a handler for it.
 */
function addBubblingEvents(declarations) {
  const byClass = new Map(declarations.filter((d) => d.kind === 'class').map((declaration) => [declaration.name, declaration]));
  const rendered = (declaration) => {
    const dependencies = declaration.members?.find((member) => member.static && member.name === 'dependencies')?.default ?? '';
    const spreads = [...dependencies.matchAll(/\.\.\.(\w+)\.dependencies/g)].map(([, name]) => byClass.get(name));
    const own = [...dependencies.matchAll(/'[a-z-]+': (\w+)/g)].map(([, name]) => byClass.get(name));
    return [...spreads.flatMap((spread) => (spread ? rendered(spread) : [])), ...own.filter(Boolean)];
  };
  const reachable = (declaration, seen = new Set()) => {
    for (const child of rendered(declaration)) {
      if (seen.has(child)) continue;
      seen.add(child);
      reachable(child, seen);
    }
    return seen;
  };
  for (const declaration of declarations.filter((d) => d.tagName)) {
    const events = (declaration.events ??= []);
    for (const child of reachable(declaration)) {
      for (const event of child.events ?? []) {
        if (events.some((known) => known.name === event.name)) continue;
        events.push({ name: event.name, type: event.type, description: `Bubbles up from \`${child.tagName}\`: ${event.description ?? ''}`.trim() });
      }
    }
  }
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/locales/**'],
  litelement: true,
  overrideModuleCreation({ ts, globs }) {
    const program = getTsProgram(ts, globs, 'tsconfig.json');
    return program.getSourceFiles().filter((file) => globs.find((glob) => file.fileName.includes(glob)));
  },
  plugins: [
    typeParserPlugin({ propertyName: 'parsedType', parseObjectTypes: 'none' }),
    publicManifestPlugin(),
    // Editor and framework data, generated from the manifest above: VS Code HTML completion,
    // JetBrains web-types, JSX (React 19), Vue and Svelte template types of every tag.
    customElementVsCodePlugin({ outdir: './', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: './', webTypesFileName: 'web-types.json', packageJson: false, hideLogs: true }),
    frameworkTypesPlugin({ outdir: './dist/types', eventsFile: './src/internal/element-events.ts' }),
  ],
};
