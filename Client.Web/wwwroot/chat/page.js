// The page a visitor's mail links to (docs/notifications.md, "Visitors"): the tenant's widget, its key from ?key=, on a
// page of ours, since the tenant's own page is not known; the widget takes the link's fragment and reopens the
// conversation as that visitor. French or English (shared/i18n.js).
import { embedWidget } from '../shared/embed.js';
import { I18n } from '../shared/i18n.js';

const texts = {
  fr: {
    title: 'Votre conversation',
    explain: 'La conversation s’ouvre dans la fenêtre de discussion, en bas de la page : vous pouvez y répondre.',
    missing: 'Ce lien est incomplet : ouvrez le lien complet reçu par e-mail.',
  },
  en: {
    title: 'Your conversation',
    explain: 'The conversation opens in the chat window at the bottom of the page: you can answer there.',
    missing: 'This link is incomplete: open the whole link you received by e-mail.',
  },
};

new I18n(texts).apply();
if (!embedWidget()) document.getElementById('missing-key').hidden = false;
