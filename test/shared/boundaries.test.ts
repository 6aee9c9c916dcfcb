import { expect } from 'chai';
import fs from 'node:fs';
import { ESLint } from 'eslint';
import { projectPath } from '../../src/shared/paths.js';

/** The lint rule ids reported for `code` as if it were the file at `filePath` (relative to the project). */
async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: projectPath() });
  const [result] = await eslint.lintText(code, { filePath: projectPath(filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint.config.js)', function () {
  // ESLint loads typescript-eslint's parser and the config the first time.
  this.timeout(60_000);

  it('when shared/ imports a component, then lint reports it', async () => {
    const messages = await restrictedImports("import { User } from '../accounts/user.model.js';\nexport const user = User;\n", 'src/shared/x.ts');
    expect(messages).to.have.length(1);
    expect(messages[0]).to.include('shared/ imports no component');
  });

  it('when a file deeper in shared/ imports a component or the composition root, then lint reports it', async () => {
    const messages = await restrictedImports(
      "import type { AccountView } from '../../accounts/accounts.service.js';\nimport { createApp } from '../../app.js';\nexport type A = AccountView;\nexport const app = createApp;\n",
      'src/shared/http/x.ts',
    );
    expect(messages).to.have.length(2);
  });

  it('when shared/ imports shared/, then lint is silent', async () => {
    expect(await restrictedImports("import { translate } from '../i18n/index.js';\nexport const t = translate;\n", 'src/shared/http/x.ts')).to.deep.equal([]);
  });

  it('when a route file imports a model, its own or another component\'s, then lint reports it', async () => {
    const own = await restrictedImports("import { Material } from './material.model.js';\nexport const m = Material;\n", 'src/materials/materials.routes.ts');
    expect(own).to.have.length(1);
    expect(own[0]).to.include('Route files import no model');
    const other = await restrictedImports("import { User } from '../accounts/user.model.js';\nexport const u = User;\n", 'src/reports/reports.routes.ts');
    expect(other.some((m) => m.includes('Route files import no model'))).to.equal(true);
  });

  it('when a converted component imports another component past its public face, then lint reports it', async () => {
    const messages = await restrictedImports("import { Company } from '../accounts/company.model.js';\nexport const c = Company;\n", 'src/workshops/x.ts');
    expect(messages).to.have.length(1);
    expect(messages[0]).to.include('public face');
  });

  it('when a file in a converted component\'s subfolder imports another component past its public face, then lint reports it', async () => {
    const messages = await restrictedImports("import { User } from '../../accounts/user.model.js';\nexport const u = User;\n", 'src/workshops/sub/x.ts');
    expect(messages).to.have.length(1);
    expect(messages[0]).to.include('public face');
    expect(await restrictedImports("import { namesByIds } from '../../accounts/queries.js';\nimport { x } from '../own.js';\nexport const n = [namesByIds, x];\n", 'src/workshops/sub/x.ts')).to.deep.equal([]);
  });

  it('when strategies, in its own folder or a subfolder, imports another component\'s model, then lint reports it', async () => {
    const top = await restrictedImports("import { Cohort } from '../workshops/cohort.model.js';\nexport const c = Cohort;\n", 'src/strategies/x.ts');
    const nested = await restrictedImports("import { ModuleProgress } from '../../courses/progress.model.js';\nexport const p = ModuleProgress;\n", 'src/strategies/completion/x.ts');
    expect([...top, ...nested]).to.have.length(2);
    expect(top[0]).to.include('public face');
    expect(nested[0]).to.include('public face');
  });

  it('when any component in src/ imports another component\'s model, then lint reports it: no component is left out of the rule', async () => {
    const components = fs.readdirSync(projectPath('src'), { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'shared').map((e) => e.name);
    const silent: string[] = [];
    for (const component of components) {
      const other = component === 'accounts' ? "import { Cohort } from '../workshops/cohort.model.js';\nexport const m = Cohort;\n" : "import { User } from '../accounts/user.model.js';\nexport const m = User;\n";
      if (!(await restrictedImports(other, `src/${component}/x.ts`)).some((m) => m.includes('public face'))) silent.push(component);
    }
    expect(components.length).to.be.greaterThan(10);
    expect(silent, 'components missing from PUBLIC_FACE_COMPONENTS').to.deep.equal([]);
  });

  it('when a component imports another through index.js or queries.js, then lint is silent', async () => {
    const code = "import type { AccountView } from '../accounts/index.js';\nimport { namesByIds } from '../accounts/queries.js';\nexport type A = AccountView;\nexport const n = namesByIds;\n";
    expect(await restrictedImports(code, 'src/workshops/x.ts')).to.deep.equal([]);
  });
});
