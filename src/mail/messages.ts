import { defineMessages } from '../shared/i18n/define.js';

/**
 * The mail component's texts. They join the `mail.` namespace beside the
 * account emails' texts (greeting, signature, password-reset, colleague-invite).
 */
export const mailMessages = defineMessages({
  where: 'Sted: {garden}, {address}',
  sessionLine: '{position}. {day} kl. {time} – {module} ({room})',
  cancelledMark: 'avlyst',
  movedMark: 'flyttet',
  linkIntro: 'Kursrekken med alle datoer:',
  calendarNote: 'Kalenderinvitasjonen ligger i denne e-posten. Godtar du den, havner samlingene i kalenderen din, og endringer kommer på samme måte.',
  welcome: {
    subject: 'Velkommen til Digital Afternoons',
    body: 'Velkommen! {company} er registrert. På Min side finner du kurset, samlingene i næringshagen din og bedriftens digitale strategi.',
  },
  'enrolment-confirmed': {
    subject: 'Påmeldt: {cohort}',
    body: 'Bedriften din er påmeldt «{cohort}» i {garden}. Her er samlingene:',
  },
  'enrolment-waitlisted': {
    subject: 'Venteliste: {cohort}',
    body: '«{cohort}» er full, så bedriften din står på venteliste som nummer {rank}. Du får en e-post med kalenderinvitasjon hvis dere får plass.',
  },
  'enrolment-promoted': {
    subject: 'Dere har fått plass: {cohort}',
    body: 'Det ble ledig plass, og bedriften din er nå påmeldt «{cohort}» i {garden}. Her er samlingene:',
  },
  'enrolment-cancelled': {
    subject: 'Avmeldt: {cohort}',
    body: 'Bedriften din er ikke lenger påmeldt «{cohort}» i {garden}. Samlingene fjernes fra kalenderen din.',
    reason: 'Begrunnelse: {reason}',
  },
  'invites-resent': {
    subject: 'Kalenderinvitasjoner: {cohort}',
    body: 'Her er kalenderinvitasjonene til «{cohort}» i {garden} en gang til:',
  },
  'session-moved': {
    subject: 'Endret: {cohort}, samling {position}',
    body: 'Samling {position} i «{cohort}» er endret. Ny tid og sted:',
    reason: 'Begrunnelse: {reason}',
  },
  'calendar-updated': {
    subject: 'Oppdatert: {cohort}',
    body: 'Opplysningene om «{cohort}» i {garden} er endret. Slik står samlingene nå:',
    calendarNote: 'Kalenderoppdateringen ligger i denne e-posten, så samlingene i kalenderen din viser det nye.',
  },
  'session-cancelled': {
    subject: 'Avlyst: {cohort}, samling {position}',
    body: 'Samling {position} i «{cohort}» er avlyst:',
    reason: 'Begrunnelse: {reason}',
  },
  'session-reminder': {
    subject: 'I morgen: {cohort}, samling {position}',
    body: 'Velkommen til samling {position} i «{cohort}» i morgen, {day} kl. {time}.',
    place: 'Sted: {garden}, {room}, {address}',
    module: 'Tema: {module}. Les gjerne modulen på forhånd:',
    bring: 'Ta med: bærbar PC eller nettbrett med lader, og innloggingen til nettsiden, bedriftsprofilen og sosiale medier bedriften bruker.',
  },
  outbox: {
    title: 'Utgående e-post',
    intro: 'E-poster blir lagret her før de sendes, og sendes på nytt hvis e-posttjeneren ikke svarer. Feilet betyr at mottakeren ble avvist; usikker betyr at sendingen ble avbrutt, så e-posten kan ha kommet fram – send den igjen bare hvis mottakeren ikke har fått den.',
    transport: 'E-post går til: {transport}',
    all: 'Alle',
    created: 'Laget',
    to: 'Til',
    subject: 'Emne',
    status: 'Status',
    attempts: 'Forsøk',
    notBefore: 'Sendes tidligst {date}',
    sentAt: 'Sendt {date}',
    retry: 'Send igjen',
    retried: 'E-posten er lagt i køen igjen.',
    notRetryable: 'Bare e-poster som feilet eller er usikre, kan sendes igjen.',
    empty: 'Ingen e-poster her.',
    calendar: 'med kalender ({method})',
    statuses: {
      queued: 'I kø',
      sending: 'Sendes',
      sent: 'Sendt',
      failed: 'Feilet',
      uncertain: 'Usikker',
      obsolete: 'Utgått',
    },
  },
  invites: {
    resend: 'Send kalenderinvitasjoner igjen',
    resent: '{count, plural, one {Invitasjonene er sendt til # person.} other {Invitasjonene er sendt til # personer.}}',
  },
}, {
  where: 'Place: {garden}, {address}',
  sessionLine: '{position}. {day} at {time} – {module} ({room})',
  cancelledMark: 'cancelled',
  movedMark: 'moved',
  linkIntro: 'The workshop series with every date:',
  calendarNote: 'The calendar invitation is in this email. Accept it and the workshops land in your calendar; changes arrive the same way.',
  welcome: {
    subject: 'Welcome to Digital Afternoons',
    body: 'Welcome! {company} is registered. On My page you will find the course, the workshops at your business garden and your company’s digital strategy.',
  },
  'enrolment-confirmed': {
    subject: 'Enrolled: {cohort}',
    body: 'Your company is enrolled in “{cohort}” at {garden}. These are the workshops:',
  },
  'enrolment-waitlisted': {
    subject: 'Waitlist: {cohort}',
    body: '“{cohort}” is full, so your company is number {rank} on the waitlist. You will get an email with a calendar invitation if a seat comes free.',
  },
  'enrolment-promoted': {
    subject: 'You have a seat: {cohort}',
    body: 'A seat came free, and your company is now enrolled in “{cohort}” at {garden}. These are the workshops:',
  },
  'enrolment-cancelled': {
    subject: 'Enrolment cancelled: {cohort}',
    body: 'Your company is no longer enrolled in “{cohort}” at {garden}. The workshops are removed from your calendar.',
    reason: 'Reason: {reason}',
  },
  'invites-resent': {
    subject: 'Calendar invitations: {cohort}',
    body: 'Here are the calendar invitations for “{cohort}” at {garden} once more:',
  },
  'session-moved': {
    subject: 'Changed: {cohort}, workshop {position}',
    body: 'Workshop {position} of “{cohort}” has changed. The new time and place:',
    reason: 'Reason: {reason}',
  },
  'calendar-updated': {
    subject: 'Updated: {cohort}',
    body: 'The details of “{cohort}” at {garden} have changed. This is how the workshops stand now:',
    calendarNote: 'The calendar update is in this email, so the workshops in your calendar show what is new.',
  },
  'session-cancelled': {
    subject: 'Cancelled: {cohort}, workshop {position}',
    body: 'Workshop {position} of “{cohort}” is cancelled:',
    reason: 'Reason: {reason}',
  },
  'session-reminder': {
    subject: 'Tomorrow: {cohort}, workshop {position}',
    body: 'Welcome to workshop {position} of “{cohort}” tomorrow, {day} at {time}.',
    place: 'Place: {garden}, {room}, {address}',
    module: 'Topic: {module}. You may like to read the module beforehand:',
    bring: 'Bring: a laptop or tablet with its charger, and the logins for your company’s website, business profile and social media.',
  },
  outbox: {
    title: 'Outgoing email',
    intro: 'Emails are stored here before they are sent, and sent again when the mail server does not answer. Failed means the recipient was refused; uncertain means sending was interrupted, so the email may have arrived – send it again only if the recipient did not get it.',
    transport: 'Email goes to: {transport}',
    all: 'All',
    created: 'Created',
    to: 'To',
    subject: 'Subject',
    status: 'Status',
    attempts: 'Attempts',
    notBefore: 'Not before {date}',
    sentAt: 'Sent {date}',
    retry: 'Send again',
    retried: 'The email is back in the queue.',
    notRetryable: 'Only failed or uncertain emails can be sent again.',
    empty: 'No emails here.',
    calendar: 'with calendar ({method})',
    statuses: {
      queued: 'Queued',
      sending: 'Sending',
      sent: 'Sent',
      failed: 'Failed',
      uncertain: 'Uncertain',
      obsolete: 'Obsolete',
    },
  },
  invites: {
    resend: 'Send calendar invitations again',
    resent: '{count, plural, one {The invitations were sent to # person.} other {The invitations were sent to # people.}}',
  },
});
