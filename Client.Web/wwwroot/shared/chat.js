// What the visitor widget and the agent console share: the REST client, the chat hub connection that survives network
// loss, and a transcript that shows every message once, in sequence order, and only ever as text.
import '../lib/signalr.min.js'; // the @microsoft/signalr browser build: defines globalThis.signalR
import { I18n } from './i18n.js';

const { signalR } = globalThis;

/** Calls the REST API of the host at `base` with a bearer token; throws an Error saying what failed. */
export class Api {
  constructor(base, token = null) {
    this.base = base;
    this.token = token;
  }

  async request(method, path, body) {
    const headers = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(path, this.base), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await ApiError.from(response);
    return response;
  }

  async json(method, path, body) {
    const response = await this.request(method, path, body);
    return response.status === 204 ? null : response.json();
  }
}

/** A refused call: the message says what failed; `status` and `problem` (RFC 9457, with `errors` by field) say why. */
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  static async from(response) {
    try {
      const problem = await response.json();
      return new ApiError(`${response.status}: ${problem.detail ?? problem.title}`, response.status, problem);
    } catch {
      return new ApiError(`${response.status} ${response.statusText}`, response.status, null);
    }
  }
}

/** A client message id: 32 random hex digits (also outside secure contexts, where crypto.randomUUID is missing). */
export function newClientMessageId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

/** Whether two conversation ids name the same conversation (with or without dashes, in any case). */
export const sameConversation = (a, b) => String(a).replaceAll('-', '').toLowerCase() === String(b).replaceAll('-', '').toLowerCase();

/**
 * The chat hub connection. SignalR reconnects by itself after a dropped connection; when the browser reports the
 * network gone ('offline') the connection is closed at once, since a socket may otherwise look alive while nothing
 * arrives, and opened again on 'online'. After every (re)connection the `resume` callbacks run: they rejoin
 * conversations and read what was missed. A failure for which `isEnded(error)` holds (the credential was refused for
 * good) stops the retries: the state is 'ended' until `restart()`.
 */
export class ChatConnection {
  constructor(base, accessToken, onState = () => {}, isEnded = () => false) {
    this.hub = new signalR.HubConnectionBuilder()
      // A bearer token, never cookies: the widget runs on tenants' sites, other origins, where CORS allows no credentials.
      .withUrl(new URL('/hubs/chat', base).href, { accessTokenFactory: accessToken, withCredentials: false })
      .withAutomaticReconnect()
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.resumers = [];
    this.onState = onState;
    this.isEnded = isEnded;
    this.stopping = Promise.resolve();
    this.hub.onreconnecting(() => onState('reconnecting'));
    this.hub.onreconnected(() => this.resume());
    this.hub.onclose(error => {
      if (error && this.isEnded(error)) this.end();
      else if (navigator.onLine && !this.closed) this.start();
    });
    window.addEventListener('offline', () => {
      this.stopping = this.hub.stop().then(() => onState('offline'));
    });
    window.addEventListener('online', () => this.start());
  }

  on(event, handler) {
    this.hub.on(event, handler);
  }

  invoke(method, ...args) {
    return this.hub.invoke(method, ...args);
  }

  /** Runs `callback` after every connection, first or later, in the order registered. */
  onResume(callback) {
    this.resumers.push(callback);
  }

  /** Connects (retrying with growing pauses while the network is up) and resumes; safe to call at any time. */
  async start() {
    await this.stopping;
    if (this.closed || this.ended || this.hub.state !== signalR.HubConnectionState.Disconnected || this.starting) return;
    this.starting = true;
    this.onState('connecting');
    try {
      for (let attempt = 0; navigator.onLine; attempt++) {
        try {
          await this.hub.start();
          await this.resume();
          return;
        } catch (error) {
          console.warn('chat connection failed', error);
          if (this.isEnded(error)) {
            this.end();
            return;
          }
          if (this.hub.state !== signalR.HubConnectionState.Disconnected) return;
          await new Promise(resolve => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 15000)));
        }
      }
    } finally {
      this.starting = false;
    }
  }

  /** Stops retrying with a credential that was refused for good, until `restart()` (with a new one). */
  end() {
    this.ended = true;
    this.onState('ended');
    return this.hub.stop();
  }

  /** Connects again after `end()`. */
  restart() {
    this.ended = false;
    return this.start();
  }

  /** Closes the connection for good: it is not opened again, not even when the network returns. */
  async close() {
    this.closed = true;
    await this.hub.stop();
  }

  async resume() {
    for (const callback of this.resumers) await callback();
    this.onState('connected');
  }
}

/**
 * The messages of one conversation in a list element: each sequence number at most once, in sequence order, each
 * text set through textContent (never parsed as HTML). `describe(message)` names the sender.
 */
export class Transcript {
  constructor(list, describe) {
    this.list = list;
    this.describe = describe;
    this.shown = new Map();
    this.last = 0;
  }

  clear() {
    this.list.replaceChildren();
    this.shown.clear();
    this.last = 0;
  }

  add(message) {
    if (this.shown.has(message.sequence)) return;
    const item = document.createElement('li');
    item.className = `message from-${message.sender.role}${message.isNote ? ' note' : ''}`;
    item.dataset.sequence = String(message.sequence);
    const sender = document.createElement('span');
    sender.className = 'sender';
    sender.textContent = this.describe(message);
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = message.erased ? '(erased)' : message.text;
    item.append(sender, text);
    const later = message.sequence > this.last
      ? null
      : [...this.shown.entries()].filter(([sequence]) => sequence > message.sequence).sort(([a], [b]) => a - b)[0]?.[1];
    this.list.insertBefore(item, later ?? null);
    this.shown.set(message.sequence, item);
    this.last = Math.max(this.last, message.sequence);
    item.scrollIntoView?.({ block: 'nearest' });
  }
}

/**
 * One open conversation: reads its history, joins it on the hub for live messages, and after every reconnection reads
 * what it missed (`GET …/messages?after=<last shown>`) before joining again from there.
 */
export class ConversationView {
  constructor(connection, api, tenantId, transcript) {
    this.connection = connection;
    this.api = api;
    this.tenantId = tenantId;
    this.transcript = transcript;
    this.conversationId = null;
    connection.on('messageReceived', (conversationId, message) => {
      if (this.conversationId && sameConversation(conversationId, this.conversationId)) this.transcript.add(message);
    });
    connection.onResume(() => this.conversationId && this.catchUp());
  }

  async open(conversationId) {
    if (this.conversationId && this.connection.hub.state === 'Connected') {
      await this.connection.invoke('LeaveConversation', this.tenantId, this.conversationId);
    }
    this.conversationId = conversationId;
    this.transcript.clear();
    if (this.connection.hub.state === 'Connected') await this.catchUp();
  }

  async catchUp() {
    const base = `/api/tenants/${encodeURIComponent(this.tenantId)}/conversations/${encodeURIComponent(this.conversationId)}/messages`;
    for (let after = this.transcript.last; ;) {
      const page = await this.api.json('GET', `${base}?after=${after}&limit=200`);
      page.messages.forEach(message => this.transcript.add(message));
      if (page.nextAfter >= page.lastSequence || page.nextAfter <= after) break;
      after = page.nextAfter;
    }
    await this.connection.invoke('JoinConversation', this.tenantId, this.conversationId, this.transcript.last);
  }

  async send(text) {
    const message = await this.connection.invoke('SendMessage', this.tenantId, this.conversationId,
      { clientMessageId: newClientMessageId(), text });
    this.transcript.add(message);
    return message;
  }
}

/** Makes an element with properties (aria-*, role, for and dataset as attributes) and children (text stays text). */
export function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('aria-') || name === 'for' || name === 'role') node.setAttribute(name, value);
    else node[name] = value;
  }
  node.append(...children);
  return node;
}

const secondFactorTexts = {
  fr: {
    code: 'Code de l’application d’authentification',
    codeNeeded: 'Ce compte se connecte en deux étapes : saisissez le code à 6 chiffres affiché par votre application d’authentification.',
    codeWrong: 'Code erroné ou déjà utilisé : saisissez le code affiché maintenant.',
    enroll: 'Votre organisation exige la connexion en deux étapes des administrateurs. Ajoutez cette clé à une application d’authentification (ou ouvrez le lien sur le téléphone qui l’a), puis saisissez le code qu’elle affiche.',
    secret: 'Clé à saisir dans l’application :',
    link: 'Ajouter à une application d’authentification',
  },
  en: {
    code: 'Authenticator app code',
    codeNeeded: 'This account signs in in two steps: enter the 6-digit code your authenticator app shows.',
    codeWrong: 'Wrong or already used code: enter the code the app shows now.',
    enroll: 'Your organisation requires two-step sign-in of administrators. Add this key to an authenticator app (or open the link on the phone that has one), then enter the code it shows.',
    secret: 'Key to type into the app:',
    link: 'Add to an authenticator app',
  },
};

/**
 * Wires the page's sign-in form (#tenant, #email, #password, #sign-in-error; ?tenant= fills the tenant): signs in,
 * then `admit(session, tenantId)` answers why the account may not use this page, or nothing to open it with `open`.
 * An account with two-step sign-in is asked its authenticator's code (added to the form when the server asks for it;
 * an administrator whose organisation requires it is shown the key to set up first: docs/decisions/0053).
 */
export function signInForm(api, admit, open) {
  const $ = id => document.getElementById(id);
  $('tenant').value = new URLSearchParams(location.search).get('tenant') ?? '';
  const i18n = new I18n(secondFactorTexts, $('sign-in'));
  const t = key => i18n.t(key);
  let code = null;
  const askCode = (problem, codeGiven) => {
    if (!code) {
      code = element('input', { id: 'sign-in-code', inputMode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 ]{6,7}', maxLength: 7, required: true });
      $('sign-in-error').before(element('div', { id: 'sign-in-second-factor' },
        element('p', { id: 'sign-in-second-factor-hint', role: 'status' }),
        element('div', { id: 'sign-in-enrollment' }),
        element('label', { for: 'sign-in-code' }, t('code')), code));
    }
    $('sign-in-second-factor-hint').textContent = codeGiven ? t('codeWrong') : t(problem.secondFactor === 'enrollment' ? 'enroll' : 'codeNeeded');
    const enrollment = problem.enrollment;
    $('sign-in-enrollment').replaceChildren(...(enrollment ? [
      element('p', {}, `${t('secret')} `, element('code', { id: 'sign-in-secret' }, enrollment.secret)),
      element('p', {}, element('a', { id: 'sign-in-otpauth', href: enrollment.uri }, t('link'))),
    ] : []));
    code.value = '';
    code.focus();
  };
  $('sign-in').addEventListener('submit', async event => {
    event.preventDefault();
    $('sign-in-error').textContent = '';
    const tenantId = $('tenant').value.trim();
    const codeGiven = code?.value.trim() || null;
    try {
      const session = await api.json('POST', `/api/tenants/${encodeURIComponent(tenantId)}/sessions`,
        { email: $('email').value, password: $('password').value, ...(codeGiven ? { code: codeGiven } : {}) });
      const refusal = admit(session, tenantId);
      if (refusal) {
        $('sign-in-error').textContent = refusal;
        return;
      }
      api.token = session.accessToken;
      await open(tenantId, session.agent);
    } catch (failure) {
      if (failure.status === 401 && failure.problem?.secondFactor) askCode(failure.problem, codeGiven);
      else $('sign-in-error').textContent = `Sign-in failed: ${failure.message}`;
    }
  });
}
