import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareTemplates } from '@spejl/db/testing';

/** Migrates one template database per run; each test file then starts from a copy of it. */
export default async function setup() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  await prepareTemplates(root);
}
