import { defineMessages } from '../shared/i18n/define.js';

/** The calendar component's texts, under the `calendar.` namespace. */
export const calendarMessages = defineMessages({
  event: {
    summary: '{cohort}: samling {position} – {module}',
    cancelledSummary: 'AVLYST: {summary}',
    module: 'Modul {position} av {count}: {module}',
    room: 'Rom: {room}',
    movedReason: 'Endret: {reason}',
    cancelledReason: 'Avlyst: {reason}',
    link: 'Kursrekken: {link}',
    moduleLink: 'Kursmodulen: {link}',
  },
  feed: {
    personName: 'Digitale ettermiddager – {name}',
    gardenName: 'Digitale ettermiddager – {garden}',
  },
  download: {
    cohort: 'Legg alle samlingene i kalenderen (.ics)',
    session: 'Kalenderfil for samling {position}',
    feedHint: 'Vil du at endringer kommer av seg selv? Abonner på din egen kalender fra Min side.',
  },
  panel: {
    title: 'Kalender',
    intro: 'Abonner på samlingene dine i Google Kalender, Outlook eller på telefonen. Kalenderen oppdateres når en samling flyttes eller avlyses; e-posten kommer likevel først.',
    personHeading: 'Mine samlinger',
    gardenHeading: 'Alle samlinger i {garden}',
    create: 'Lag kalenderlenke',
    reset: 'Lag ny lenke (den gamle slutter å virke)',
    shownOnce: 'Kopier lenken nå. Av sikkerhetshensyn viser vi den bare denne ene gangen.',
    https: 'Lenke til kalenderen',
    webcal: 'Åpne i kalenderprogrammet (webcal)',
    exists: 'Du har en kalenderlenke fra {date}. Har du mistet den, lager du en ny.',
    created: 'Kalenderlenken er laget.',
    resetDone: 'Du har fått en ny kalenderlenke. Den gamle virker ikke lenger.',
  },
}, {
  event: {
    summary: '{cohort}: workshop {position} – {module}',
    cancelledSummary: 'CANCELLED: {summary}',
    module: 'Module {position} of {count}: {module}',
    room: 'Room: {room}',
    movedReason: 'Changed: {reason}',
    cancelledReason: 'Cancelled: {reason}',
    link: 'Workshop series: {link}',
    moduleLink: 'Course module: {link}',
  },
  feed: {
    personName: 'Digital Afternoons – {name}',
    gardenName: 'Digital Afternoons – {garden}',
  },
  download: {
    cohort: 'Add every workshop to your calendar (.ics)',
    session: 'Calendar file for workshop {position}',
    feedHint: 'Want changes to arrive by themselves? Subscribe to your own calendar from My page.',
  },
  panel: {
    title: 'Calendar',
    intro: 'Subscribe to your workshops in Google Calendar, Outlook or on your phone. The calendar is updated when a workshop is moved or cancelled; the email still arrives first.',
    personHeading: 'My workshops',
    gardenHeading: 'Every workshop at {garden}',
    create: 'Make a calendar link',
    reset: 'Make a new link (the old one stops working)',
    shownOnce: 'Copy the link now. For your security we show it only this once.',
    https: 'Link to the calendar',
    webcal: 'Open in your calendar app (webcal)',
    exists: 'You have a calendar link from {date}. If you have lost it, make a new one.',
    created: 'Your calendar link is ready.',
    resetDone: 'You have a new calendar link. The old one no longer works.',
  },
});
