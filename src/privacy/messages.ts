import { defineMessages } from '../shared/i18n/define.js';

/** The privacy component's texts, under the `privacy.` namespace; the notices themselves are views. */
export const privacyMessages = defineMessages({
  noticeTitle: 'Personvernerklæring',
  accessibilityTitle: 'Tilgjengelighetserklæring',
  footerPrivacy: 'Personvern',
  footerAccessibility: 'Tilgjengelighet',
  footerContact: 'Kontakt: {email}',
  consentLegend: 'Personvern',
  consentLabel: 'Jeg har lest personvernerklæringen og godtar at opplysningene brukes slik den beskriver.',
  consentLink: 'Les personvernerklæringen',
  consentRequired: 'Kryss av for at du har lest personvernerklæringen, så kan vi registrere deg.',
}, {
  noticeTitle: 'Privacy notice',
  accessibilityTitle: 'Accessibility statement',
  footerPrivacy: 'Privacy',
  footerAccessibility: 'Accessibility',
  footerContact: 'Contact: {email}',
  consentLegend: 'Privacy',
  consentLabel: 'I have read the privacy notice and agree that the data is used as it describes.',
  consentLink: 'Read the privacy notice',
  consentRequired: 'Tick the box to confirm you have read the privacy notice, so we can register you.',
});
