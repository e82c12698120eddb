// The console's conversation view: the newest page of the history first, older pages on demand, private notes.
import { ConversationView, newClientMessageId } from '../shared/chat.js';

/**
 * A conversation view that opens on the newest `pageSize` messages and pages back with `loadOlder()`. Staff pages hold
 * notes too, so sequence numbers have no gaps: the page before the oldest shown one is computed from sequence numbers
 * (`after = max(0, oldest - 1 - pageSize)`), and the transcript, keyed by sequence, never shows a message twice.
 */
export class PagedConversationView extends ConversationView {
  constructor(connection, api, tenantId, transcript, pageSize = 50) {
    super(connection, api, tenantId, transcript);
    this.pageSize = pageSize;
  }

  get path() {
    return `/api/tenants/${encodeURIComponent(this.tenantId)}/conversations/${encodeURIComponent(this.conversationId)}`;
  }

  /** The oldest sequence number shown, or null when nothing is. */
  get oldest() {
    return this.transcript.shown.size ? Math.min(...this.transcript.shown.keys()) : null;
  }

  get hasOlder() {
    return this.oldest !== null && this.oldest > 1;
  }

  async catchUp() {
    if (this.transcript.shown.size === 0) {
      const { lastSequence } = await this.api.json('GET', this.path);
      await this.readPage(Math.max(0, lastSequence - this.pageSize), this.pageSize);
    }
    await super.catchUp();
  }

  async loadOlder() {
    if (!this.hasOlder) return;
    const before = this.oldest - 1;
    const after = Math.max(0, before - this.pageSize);
    await this.readPage(after, before - after);
  }

  async readPage(after, limit) {
    if (limit < 1) return;
    const page = await this.api.json('GET', `${this.path}/messages?after=${after}&limit=${limit}`);
    page.messages.forEach(message => this.transcript.add(message));
  }

  /** Adds a private note over the hub: other staff see it, the visitor never does. */
  async note(text) {
    const note = await this.connection.invoke('AddNote', this.tenantId, this.conversationId,
      { clientMessageId: newClientMessageId(), text });
    this.transcript.add(note);
    return note;
  }
}
