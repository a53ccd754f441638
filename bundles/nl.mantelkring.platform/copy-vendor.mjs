// Copies the NL Design System CSS the back-office shell uses out of node_modules into the bundle's resources
// (run by Maven after `npm ci`; argument: the generated-resources folder). No bundler: the shell is plain ES modules.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = join(process.argv[2] ?? 'generated', 'backoffice', 'shell', 'vendor');
mkdirSync(out, { recursive: true });
const files = [
  // the Utrecht component library (EUPL-1.2): every component's CSS classes (utrecht-button, utrecht-form-field ...)
  ['node_modules/@utrecht/component-library-css/dist/index.css', 'utrecht-components.css'],
  // the NL Design System example theme (EUPL-1.2); the Utrecht brand tokens are proprietary and not used
  ['node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css', 'voorbeeld-theme.css'],
];
for (const [from, to] of files) {
  copyFileSync(from, join(out, to));
  console.log(`copied ${from} -> ${join(out, to)}`);
}
