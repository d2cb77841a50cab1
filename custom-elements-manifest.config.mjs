// The manifest (custom-elements.json) as tools that read it need it: the public API only,
// types spelled out (`view: 'reminder' | 'escalated' | …`, not the alias), every event with
// its detail type, and paths to the files the package ships (dist/*.js).
import { readFileSync, writeFileSync } from 'node:fs';
import { getTsProgram, typeParserPlugin } from '@wc-toolkit/type-parser';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';

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
        }
      }
    },
  };
}

/**
 * The framework type generators wrap an event's type in CustomEvent<…> again, and import
 * only the element classes: unwrap, and import the event detail types as well.
 */
function eventTypesPlugin(files) {
  const details = [...new Set(Object.values(eventDetails()).filter((type) => /^[A-Z]\w*$/.test(type)))];
  return {
    name: 'cic-event-types',
    packageLinkPhase() {
      for (const file of files) {
        const text = readFileSync(file, 'utf8').replace(/CustomEvent<CustomEvent<(.+?)>>/g, 'CustomEvent<$1>');
        writeFileSync(file, `import type { ${details.join(', ')} } from '../index.js';\n${text}`);
      }
    },
  };
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
    // JetBrains web-types, JSX (React 19) and Vue template types of every tag.
    customElementVsCodePlugin({ outdir: './', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: './', webTypesFileName: 'web-types.json', packageJson: false, hideLogs: true }),
    customElementJsxPlugin({ outdir: './dist/types', fileName: 'jsx.d.ts', globalTypePath: '../index.js', hideLogs: true }),
    customElementVuejsPlugin({ outdir: './dist/types', fileName: 'vue.d.ts', globalTypePath: '../index.js', hideLogs: true }),
    eventTypesPlugin(['dist/types/jsx.d.ts', 'dist/types/vue.d.ts']),
  ],
};
