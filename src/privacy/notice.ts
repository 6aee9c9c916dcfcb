/**
 * The version of the privacy notice in views/privacy/. Registration records the version a person
 * accepted, so a later change to the notice can be told apart from what each person agreed to.
 * Change it whenever the notice's content changes (the date the new text takes effect).
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';

/** The date the accessibility statement was last checked against the pages, as shown on it. */
export const ACCESSIBILITY_STATEMENT_DATE = '2026-12-01';
