import { defineMessages } from '../shared/i18n/define.js';
import { maturityMessages } from './maturity/maturity-messages.js';
import { strategiesMessagesEn } from './messages.en.js';
import { strategiesMessagesNb } from './messages.nb.js';

/** The strategies component's texts, under the `strategies.` namespace (the questionnaire under `strategies.maturity.`). */
export const strategiesMessages = defineMessages(
  { ...strategiesMessagesNb, maturity: maturityMessages.nb },
  { ...strategiesMessagesEn, maturity: maturityMessages.en },
);

/** Email subjects, merged into the `mail.` namespace where the mailer looks for them. */
export const strategyMailSubjects = defineMessages({
  'strategy-submitted': { subject: 'Strategien til {company} er sendt inn' },
  'strategy-changes-requested': { subject: 'Kursholderen ber om endringer i strategien til {company}' },
  'strategy-approved': { subject: 'Strategien til {company} er godkjent' },
  'strategy-reopened': { subject: 'Strategien til {company} er åpnet for endringer igjen' },
  'strategy-for-review': { subject: 'Til gjennomgang: strategien til {company}' },
}, {
  'strategy-submitted': { subject: 'The strategy of {company} is submitted' },
  'strategy-changes-requested': { subject: 'The trainer asks for changes to the strategy of {company}' },
  'strategy-approved': { subject: 'The strategy of {company} is approved' },
  'strategy-reopened': { subject: 'The strategy of {company} is open for changes again' },
  'strategy-for-review': { subject: 'For review: the strategy of {company}' },
});
