import { expect } from 'chai';
import fs from 'node:fs/promises';
import path from 'node:path';
import { hasKey } from '../../src/shared/i18n/index.js';
import { projectPath } from '../../src/shared/paths.js';

/** Every view file under a folder. */
async function viewFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? viewFiles(path.join(dir, e.name)) : Promise.resolve(e.name.endsWith('.hbs') ? [path.join(dir, e.name)] : []))));
  return nested.flat();
}

// {{t "key" …}}, {{{t "key"}}}, (t "key" …) and title helpers: every literal key a view asks for.
const LITERAL_KEY = /(?:\{\{\{?|\()\s*(?:t|setTitle)\s+"([^"]+)"/g;

describe('i18n', () => {
  describe('views', () => {
    it('when a view asks for a text by its key, then the key exists in both languages', async () => {
      const missing: string[] = [];
      let checked = 0;
      for (const file of await viewFiles(projectPath('views'))) {
        const source = await fs.readFile(file, 'utf8');
        for (const [, key] of source.matchAll(LITERAL_KEY)) {
          checked += 1;
          if (!hasKey(key!)) missing.push(`${path.relative(projectPath('views'), file)}: ${key}`);
        }
      }
      expect(checked).to.be.above(400);
      expect(missing).to.deep.equal([]);
    });
  });
});
