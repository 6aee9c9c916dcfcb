import type { CourseCatalogue } from '../courses/index.js';
import type { Language } from '../shared/i18n/index.js';
import type { StrategyAccess } from './access.js';
import { missingSections } from './completeness.js';
import { showSections, type Translate } from './export/document.js';
import { STRATEGY_SECTIONS, type StrategyContent, type StrategySection } from './sections.js';
import type { StrategyStatus } from './strategy.model.js';

/** Every address of one strategy, so views and redirects agree. */
export function strategyPaths(id: string) {
  const base = `/strategies/${id}`;
  return {
    base,
    section: (section: StrategySection) => `${base}/sections/${section}`,
    submit: `${base}/submit`,
    review: `${base}/review`,
    reopen: `${base}/reopen`,
    history: `${base}/history`,
    version: (n: number) => `${base}/versions/${n}`,
    print: `${base}/print`,
    brief: `${base}/brief`,
    pdf: `${base}/strategy.pdf`,
    briefPdf: `${base}/brief.pdf`,
    maturity: `${base}/maturity`,
    certificate: `${base}/certificate`,
  };
}

export type Comments = Map<StrategySection, Array<{ text: string; by?: string; at: Date }>>;

/** Section titles in the reader's language, e.g. "Nåsituasjon, Salg og netthandel", for a refusal or a hint. */
export const sectionList = (t: Translate, sections: readonly StrategySection[]) =>
  sections.map((s) => t(`strategies.sections.${s}`)).join(', ');

/** What the company may do now: write in draft or after changes were requested, submit the same. */
export const isEditable = (status: StrategyStatus) => status === 'draft' || status === 'changes_requested';

interface Read extends StrategyAccess {
  version: number;
  savedAt?: Date;
  content: StrategyContent;
  company: { name: string; municipality: string };
}

/** The strategy's heading facts: company, course or cohort, status and version. */
export function strategyHeading(read: Read, t: Translate, catalogue: CourseCatalogue, language: Language) {
  const course = catalogue.get(read.strategy.courseSlug, language);
  return {
    id: String(read.strategy._id),
    company: read.company.name,
    courseTitle: course?.title ?? read.strategy.courseSlug,
    cohortTitle: read.cohort?.title,
    status: read.strategy.status,
    statusLabel: t(`strategies.status.${read.strategy.status}`),
    version: read.version,
    savedAt: read.savedAt,
  };
}

/** The strategy page: every section beside its comments, and what this person may do. */
export function overviewPage(read: Read, comments: Comments, t: Translate, catalogue: CourseCatalogue, language: Language) {
  const id = String(read.strategy._id);
  const paths = strategyPaths(id);
  const editable = read.isCompany && isEditable(read.strategy.status);
  const heading = strategyHeading(read, t, catalogue, language);
  return {
    pageTitle: t('strategies.overview.heading', { company: heading.company }),
    strategy: heading,
    paths,
    sections: showSections(read.content, t, language).map((s) => ({
      ...s, comments: comments.get(s.slug) ?? [], editHref: editable ? paths.section(s.slug) : undefined,
    })),
    nav: STRATEGY_SECTIONS.map((slug, i) => ({ slug, number: i + 1, title: t(`strategies.sections.${slug}`) })),
    canSubmit: editable,
    missing: editable ? sectionList(t, missingSections(read.content)) : '',
    canReview: read.isReviewer && read.strategy.status === 'submitted',
    canReopen: read.isReviewer && read.strategy.status === 'approved',
    isCompany: read.isCompany,
  };
}
