import { expect } from 'chai';
import fs from 'node:fs/promises';
import path from 'node:path';
import { hasKey } from '../../src/shared/i18n/index.js';
import { BANDS, DIMENSIONS, QUESTIONS, SCALE, STAGES } from '../../src/strategies/maturity/maturity.js';
import { SECTION_LAYOUT, STRATEGY_SECTIONS } from '../../src/strategies/sections.js';
import { STRATEGY_STATUSES } from '../../src/strategies/strategy.model.js';

async function templates(dir: string, match: RegExp): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true });
  return Promise.all(entries.filter((f) => match.test(f)).map((f) => fs.readFile(path.join(dir, f), 'utf8')));
}

describe('strategies: messages', () => {
  it('when a strategies, reports or strategy-mail template names a key, then it exists in both languages', async () => {
    const sources = [
      ...(await templates('views/strategies', /\.hbs$/)), ...(await templates('views/reports', /\.hbs$/)),
      ...(await templates('views/mail', /^strategy-.*\.hbs$/)),
    ];
    const keys = new Set(sources.flatMap((s) => [...s.matchAll(/\{\{\{?t "([^"]+)"/g)].map((m) => m[1]!)));
    expect(keys.size).to.be.greaterThan(50);
    expect([...keys].filter((k) => !hasKey(k))).to.deep.equal([]);
  });

  it('when keys are built from names in code, then every one of them exists in both languages', () => {
    const keys = [
      ...STRATEGY_STATUSES.map((s) => `strategies.status.${s}`),
      ...STRATEGY_SECTIONS.flatMap((s) => [`strategies.sections.${s}`, `strategies.sectionIntro.${s}`]),
      ...STRATEGY_SECTIONS.flatMap((s) => SECTION_LAYOUT[s].fields.map((f) => `strategies.fields.${f}`)),
      ...STRATEGY_SECTIONS.flatMap((s) => (SECTION_LAYOUT[s].brief ?? []).map((f) => `strategies.brief.${f}`)),
      ...STRATEGY_SECTIONS.flatMap((s) => {
        const table = SECTION_LAYOUT[s].table;
        return table ? ['caption', 'hint', ...table.columns].map((c) => `strategies.tables.${table.name}.${c}`) : [];
      }),
      ...QUESTIONS.map((q) => `strategies.maturity.questions.${q.id}`),
      ...DIMENSIONS.map((d) => `strategies.maturity.dimensions.${d}`),
      ...BANDS.map((b) => `strategies.maturity.bands.${b}`),
      ...STAGES.flatMap((s) => [`strategies.maturity.stages.${s}`, `strategies.maturity.stageHint.${s}`, `strategies.maturity.closed${s}`]),
      ...SCALE.map((n) => `strategies.maturity.scale.${n}`),
      ...['submitted', 'changes-requested', 'approved', 'reopened'].map((m) => `mail.strategy-${m}.subject`),
    ];
    expect(keys.filter((k) => !hasKey(k))).to.deep.equal([]);
  });
});
