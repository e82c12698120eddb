// Every text of the privacy page, in French and English (shared/i18n.js picks the language).
export const texts = {
  fr: {
    pageTitle: 'Politique de confidentialité',
    brand: 'Orbitalyntra',
    noticeTitle: 'Information des visiteurs de {tenant}',
    noticeElsewhere: 'Lire l’information sur le site de l’organisation',
    visitorsTitle: 'Pour les visiteurs',
    accountHoldersTitle: 'Pour les administrateurs et les agents',
    contactTitle: 'Contact et réclamations',
    contactText: 'Écrivez au responsable du traitement au sujet de vos données :',
    complaintText: 'Vous pouvez adresser une réclamation à la CNIL, l’autorité française de protection des données :',
    version: 'Version {version}, en vigueur depuis le {date}.',
    failed: 'La politique n’a pas pu être chargée : {reason}',
  },
  en: {
    pageTitle: 'Privacy policy',
    brand: 'Orbitalyntra',
    noticeTitle: 'Privacy notice for visitors of {tenant}',
    noticeElsewhere: 'Read the notice on the organisation’s site',
    visitorsTitle: 'For visitors',
    accountHoldersTitle: 'For administrators and agents',
    contactTitle: 'Contact and complaints',
    contactText: 'Write to the controller about your data:',
    complaintText: 'You may complain to the CNIL, the French data-protection authority:',
    version: 'Version {version}, in force since {date}.',
    failed: 'The policy could not be loaded: {reason}',
  },
};
