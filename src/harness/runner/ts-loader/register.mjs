// Registers the scenario child's TypeScript loader (see hooks.mjs):
//   node --import <this file> child-entry.ts
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
