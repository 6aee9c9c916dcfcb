import type { Types } from 'mongoose';
import { toAccountView } from '../../src/accounts/accounts.service.js';
import { Company } from '../../src/accounts/company.model.js';
import { User } from '../../src/accounts/user.model.js';
import { Certificate } from '../../src/strategies/completion/certificate.model.js';
import { QUESTIONS } from '../../src/strategies/maturity/maturity.js';
import { StrategyVersion } from '../../src/strategies/strategy.model.js';
import type { Strategies } from '../../src/strategies/strategies.service.js';
import { Cohort } from '../../src/workshops/cohort.model.js';
import { Enrolment } from '../../src/workshops/enrolment.model.js';
import { progress } from '../progress.js';

type Outcome = 'approved' | 'submitted' | 'changes' | 'draft';

/** Which state each company of the finished cohort ends in: every status appears, most are approved. */
function outcomeFor(index: number): Outcome {
  if (index < 12) return 'approved';
  if (index < 16) return 'submitted';
  if (index < 19) return 'changes';
  return 'draft';
}

/** Answers that score a little higher after the course than before it, with some spread between companies. */
export function answers(index: number, after: boolean): Record<string, number> {
  return Object.fromEntries(QUESTIONS.map((q, i) => [q.id, Math.min(5, ((index + i) % 3) + (after ? 2 : 0) + (i % 2))]));
}

export function content(company: string, index: number) {
  return {
    current: { texts: { customers: `Fastboende og hyttefolk rundt ${company}.`, works: 'Jungeltelegrafen og Facebook-siden.', missing: 'Oppdatert nettside og åpningstider i kart.', opportunities: 'Forhåndsbestilling på nett før helgene.' }, rows: [] },
    objectives: {
      texts: { listings: 'Google-bedriftsprofil, Gule Sider og Apple Maps stemmer.' },
      rows: [
        { what: 'Anmeldelser på bedriftsprofilen', measure: 'Antall anmeldelser', today: String(3 + index), target: String(20 + index), byWhen: '2027-06' },
        { what: 'Besøk på nettsiden', measure: 'Besøkende per måned', today: '150', target: '400', byWhen: '2027-09' },
      ],
    },
    channels: { texts: { channels: 'Facebook og Instagram, der kundene våre er.', themes: 'Dagens bakst, sesongvarer og folkene bak disken.', routine: 'To innlegg i uka, daglig leder har ansvaret.', measure: 'Rekkevidde og bestillinger som nevner innleggene.' }, rows: [] },
    sales: { texts: { step: 'Forhåndsbestilling på nett med henting i butikken.', payment: 'Vipps og kort.', delivery: 'Henting i butikken.', rules: 'Angrerett gjelder ikke ferske matvarer.' }, rows: [] },
    tools: { texts: { tools: 'Felles kalender og regnskap i skyen.', security: 'Tofaktorinnlogging og sikkerhetskopi hver uke.', incident: 'Ring IT-leverandøren og bytt passord.' }, rows: [] },
    actions: {
      texts: { intro: 'Vi gjør det meste selv og kjøper hjelp til nettsiden.', order: 'Ny, enkel nettside med bestillingsskjema', goals: 'Flere bestillinger på nett', budget: '25000', deadline: '2027-05' },
      rows: [{ action: 'Rydde bedriftsprofilen', owner: 'Daglig leder', month: '2027-01', cost: '0' }, { action: 'Bestille nettside', owner: 'Daglig leder', month: '2027-03', cost: '25000' }],
    },
  };
}

/** Strategies for the finished cohort in every status, T0/T1 assessments, and certificates for those who completed. */
export async function seedStrategies(strategies: Strategies, cohortId: Types.ObjectId): Promise<void> {
  const cohort = await Cohort.findById(cohortId).lean();
  const trainer = toAccountView((await User.findById(cohort!.trainerIds[0]).lean())!);
  const enrolments = await Enrolment.find({ cohortId, status: 'enrolled' }).sort({ createdAt: 1 }).lean();
  const bar = progress('Strategies', enrolments.length);
  for (const [index, enrolment] of enrolments.entries()) {
    const owner = toAccountView((await User.findById(enrolment.participantIds[0]).lean())!);
    const company = (await Company.findById(enrolment.companyId).lean())!;
    const strategyId = await strategies.workbook.openStrategy(owner, { cohortId: String(cohortId) });
    // Seeded before: leave it as it is, so a second run changes nothing.
    if (await StrategyVersion.exists({ strategyId })) { bar.tick(); continue; }
    const text = content(company.name, index);
    await strategies.maturity.record(owner, strategyId, 'T0', answers(index, false));
    await strategies.workbook.saveSection(owner, strategyId, 'current-situation', text.current);
    await strategies.workbook.saveSection(owner, strategyId, 'visibility-objectives', text.objectives);
    const outcome = outcomeFor(index);
    // Only a strategy with every section written can be submitted; the drafts stay half written.
    if (outcome !== 'draft') {
      await strategies.workbook.saveSection(owner, strategyId, 'channels-content', text.channels);
      await strategies.workbook.saveSection(owner, strategyId, 'sales-ecommerce', text.sales);
      await strategies.workbook.saveSection(owner, strategyId, 'tools-security', text.tools);
    }
    await strategies.workbook.saveSection(owner, strategyId, 'action-plan', text.actions);
    if (outcome !== 'draft') await strategies.review.submit(owner, strategyId);
    if (outcome === 'changes') {
      await strategies.review.review(trainer, strategyId, { decision: 'changes', comments: [{ section: 'visibility-objectives', text: 'Godt! Legg til et mål for bestillinger på nett.' }] });
    }
    if (outcome === 'approved') {
      await strategies.review.review(trainer, strategyId, { decision: 'approve', comments: [{ section: 'action-plan', text: 'En realistisk plan. Lykke til!' }] });
      await strategies.maturity.record(owner, strategyId, 'T1', answers(index, true));
      // Issued only when the company also met the attendance rule.
      await strategies.completion.certificatePage(owner, strategyId);
    }
    bar.tick();
  }
  console.log(`Certificates issued: ${await Certificate.countDocuments()}`);
}
