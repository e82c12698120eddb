// In the Limits section, two guards of the widget key (French or English, admin/texts.js): when new visitors must solve a
// proof-of-work challenge (docs/decisions/0050), and the visitors or networks agents banned, each with its end, who
// banned and why, and a way to lift it (docs/decisions/0049). Every value through textContent.
import { element } from '../shared/chat.js';

const modes = ['off', 'always', 'automatic'];

/** Draws into `part` (kept by the Limits section under its own form); answers the function that loads it. */
export function guardSection(api, tenantPath, i18n, part) {
  const t = (key, values) => i18n.t(key, values);
  let challenge;
  let bans = [];
  let outcome = '';
  const when = at => new Intl.DateTimeFormat(i18n.language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
  const draw = () => {
    const problem = element('p', { id: 'guard-error', className: 'error', role: 'alert' });
    const attempt = async action => {
      outcome = '';
      problem.textContent = '';
      try {
        await action();
        draw();
      } catch (failure) {
        problem.textContent = `${t('notSaved')} ${Object.values(failure.problem?.errors ?? {}).flat().join(' ') || failure.message}`;
      }
    };
    const mode = element('select', { id: 'challenge-mode' },
      ...modes.map(value => element('option', { value }, t(`challenge_${value}`))));
    mode.value = challenge?.mode ?? 'off';
    const challengeForm = element('form', { id: 'challenge-form' },
      element('label', { for: 'challenge-mode' }, t('challengeMode')), mode,
      element('button', { type: 'submit' }, t('challengeSave')),
      element('p', { id: 'challenge-now', role: 'status' }, challenge ? t(challenge.active ? 'challengeActive' : 'challengeInactive') : ''));
    challengeForm.addEventListener('submit', event => {
      event.preventDefault();
      attempt(async () => {
        challenge = await api.json('PUT', `${tenantPath}/widget/challenge`, { mode: mode.value });
        outcome = t('challengeSaved');
      });
    });
    const lift = ban => attempt(async () => {
      await api.json('DELETE', `${tenantPath}/bans/${encodeURIComponent(ban.banId)}`);
      bans = bans.filter(other => other.banId !== ban.banId);
      outcome = t('banLifted');
    });
    const list = bans.length
      ? element('table', { id: 'bans-table' },
        element('thead', {}, element('tr', {}, ...['banVisitor', 'banScope', 'banUntil', 'banBy', 'banReason', 'banAction']
          .map(key => element('th', { scope: 'col' }, t(key))))),
        element('tbody', {}, ...bans.map(ban => element('tr', { dataset: { banId: ban.banId } },
          element('td', {}, ban.visitorId ?? t('banErased')),
          element('td', {}, t(ban.coversNetwork ? 'banNetwork' : 'banVisitorOnly')),
          element('td', {}, when(ban.until)),
          element('td', {}, ban.bannedBy),
          element('td', {}, ban.reason ?? ''),
          element('td', {}, element('button', { type: 'button', className: 'lift', onclick: () => lift(ban) }, t('banLift')))))))
      : element('p', { id: 'bans-empty' }, t('bansNone'));
    part.replaceChildren(
      element('h3', {}, t('challengeTitle')), element('p', {}, t('challengeIntro')), challengeForm,
      element('h3', {}, t('bansTitle')), element('p', {}, t('bansIntro')), list,
      element('p', { id: 'guard-result', role: 'status' }, outcome), problem);
  };
  const load = async () => {
    [challenge, { bans }] = await Promise.all([api.json('GET', `${tenantPath}/widget/challenge`), api.json('GET', `${tenantPath}/bans`)]);
    draw();
  };
  i18n.onChange(draw);
  return load;
}
