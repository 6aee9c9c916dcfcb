import type { Language } from '../shared/i18n/index.js';
import type { StrategySection } from './content-schemas.js';
import type { ModuleBody } from './markdown.js';

/** One module in one language, rendered and ready to show. */
export interface ModuleText extends ModuleBody {
  title: string;
  minutes: number;
  strategySection: StrategySection;
  objectives: string[];
}

type Translations<T> = Partial<Record<Language, T>>;

/** A course as the loader validated it: texts per language and modules in teaching order. */
export interface LoadedCourse {
  slug: string;
  /** The languages every text of the course exists in; the first is served when a translation is missing. */
  languages: Language[];
  title: Translations<string>;
  summary: Translations<string>;
  audience: Translations<string>;
  outcome: Translations<string>;
  modules: Array<{ slug: string; translations: Translations<ModuleText> }>;
}

/** What a reader is served; `fallback` is true when it is not in the language they read. */
interface Served { language: Language; fallback: boolean }

export interface CourseSummary extends Served {
  slug: string;
  title: string;
  summary: string;
  moduleCount: number;
  totalMinutes: number;
}

export interface ModuleOutline {
  slug: string;
  /** Position in the course, from 1. */
  number: number;
  title: string;
  minutes: number;
  strategySection: StrategySection;
}

export interface CourseOutline extends CourseSummary {
  audience: string;
  outcome: string;
  modules: ModuleOutline[];
}

export interface ModulePage extends ModuleText, Served {
  slug: string;
  number: number;
  course: { slug: string; title: string; moduleCount: number };
  previous?: ModuleOutline;
  next?: ModuleOutline;
}

/** The reader's language when it exists, else the course's first language that does. */
function pick<T>(translations: Translations<T>, wanted: Language, order: Language[]): { value: T } & Served {
  for (const language of [wanted, ...order]) {
    const value = translations[language];
    if (value !== undefined) return { value, language, fallback: language !== wanted };
  }
  throw new Error('a course text exists in none of its languages');
}

/** Every course, loaded and rendered once at start-up and served from memory in the reader's language. */
export class CourseCatalogue {
  private readonly bySlug: Map<string, LoadedCourse>;

  constructor(courses: LoadedCourse[]) {
    this.bySlug = new Map(courses.map((course) => [course.slug, course]));
  }

  /** Every course, for the catalogue page. */
  list(language: Language = 'nb'): CourseSummary[] {
    return [...this.bySlug.keys()].map((slug) => this.summary(this.bySlug.get(slug)!, language));
  }

  /** One course with its module outline, or undefined when there is no such course. */
  get(courseSlug: string, language: Language = 'nb'): CourseOutline | undefined {
    const course = this.bySlug.get(courseSlug);
    if (!course) return undefined;
    return {
      ...this.summary(course, language),
      audience: pick(course.audience, language, course.languages).value,
      outcome: pick(course.outcome, language, course.languages).value,
      modules: this.outline(course, language),
    };
  }

  /** One module with its neighbours, or undefined when the course or module does not exist. */
  module(courseSlug: string, moduleSlug: string, language: Language = 'nb'): ModulePage | undefined {
    const course = this.bySlug.get(courseSlug);
    const index = course?.modules.findIndex((m) => m.slug === moduleSlug) ?? -1;
    if (!course || index < 0) return undefined;
    const served = pick(course.modules[index]!.translations, language, course.languages);
    const outline = this.outline(course, language);
    return {
      ...served.value, language: served.language, fallback: served.fallback, slug: moduleSlug, number: index + 1,
      course: { slug: course.slug, title: pick(course.title, language, course.languages).value, moduleCount: course.modules.length },
      previous: outline[index - 1],
      next: outline[index + 1],
    };
  }

  /** Whether the course exists and has this module. */
  hasModule(courseSlug: string, moduleSlug: string): boolean {
    return this.moduleSlugs(courseSlug).includes(moduleSlug);
  }

  /** The module slugs of a course in teaching order; empty for an unknown course. */
  moduleSlugs(courseSlug: string): string[] {
    return this.bySlug.get(courseSlug)?.modules.map((m) => m.slug) ?? [];
  }

  private summary(course: LoadedCourse, language: Language): CourseSummary {
    const title = pick(course.title, language, course.languages);
    return {
      slug: course.slug,
      title: title.value,
      summary: pick(course.summary, language, course.languages).value,
      moduleCount: course.modules.length,
      totalMinutes: this.outline(course, language).reduce((sum, m) => sum + m.minutes, 0),
      language: title.language,
      fallback: title.fallback,
    };
  }

  private outline(course: LoadedCourse, language: Language): ModuleOutline[] {
    return course.modules.map((m, i) => {
      const { title, minutes, strategySection } = pick(m.translations, language, course.languages).value;
      return { slug: m.slug, number: i + 1, title, minutes, strategySection };
    });
  }
}
