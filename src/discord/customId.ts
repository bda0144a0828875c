import { createHash } from 'node:crypto';
import type { CommandName } from '../answer/answer.ts';
import { COMMAND_NAMES } from '../answer/answer.ts';
import { LIMITS } from './limits.ts';

/**
 * What a button carries in its `custom_id`, so that it still works after a restart: no state is kept
 * in memory. The query itself is read back from the message the button sits on (its embed's author
 * line), which Discord sends with every click.
 */
export type ButtonState =
  | {
      action: 'more';
      command: CommandName;
      offset: number;
      owner: string;
      issued: number;
      /** The hash of the article a list is filtered to, if it is. */
      article?: string | undefined;
    }
  /** Share: post a private answer's page publicly (only its owner). */
  | {
      action: 'share';
      command: CommandName;
      offset: number;
      owner: string;
      issued: number;
      article?: string | undefined;
    }
  | { action: 'context'; refs: SentenceRef[]; issued: number }
  | { action: 'delete'; owner: string; issued: number }
  /** /ingest's Remove button: the article it added, by its hash. */
  | { action: 'remove'; article: string; issued: number }
  /**
   * Helpful / Not helpful under an answer: the server and the question (the answering interaction's
   * id) it belongs to, so a vote counts for that question only and is refused in any other server.
   */
  | { action: 'vote'; helpful: boolean; guild: string; question: string; issued: number };

/** A cited sentence by a short hash of its article id, its paragraph and sentence. */
export interface SentenceRef {
  article: string;
  paragraph: number;
  sentence: number;
}

/** The version of the format; a click on a button of another version is reported as expired. */
const VERSION = 'c1';

/** An 8-character hash of an article id, so that long ids fit in 100 characters. */
export function articleHash(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 8);
}

const seconds = (ms: number) => Math.floor(ms / 1000).toString(36);

/** Encodes a button's state in at most 100 characters (Discord's limit). */
export function encodeButton(state: ButtonState): string {
  const issued = seconds(state.issued);
  let id: string;
  switch (state.action) {
    case 'more':
      id = `${VERSION}:m:${issued}:${state.command}:${state.offset}:${state.owner}${state.article ? `:${state.article}` : ''}`;
      break;
    case 'share':
      id = `${VERSION}:s:${issued}:${state.command}:${state.offset}:${state.owner}${state.article ? `:${state.article}` : ''}`;
      break;
    case 'delete':
      id = `${VERSION}:d:${issued}:${state.owner}`;
      break;
    case 'remove':
      id = `${VERSION}:r:${issued}:${state.article}`;
      break;
    case 'vote':
      id = `${VERSION}:v:${issued}:${state.guild}:${state.question}:${state.helpful ? 1 : 0}`;
      break;
    case 'context': {
      const refs: string[] = [];
      const prefix = `${VERSION}:c:${issued}:`;
      for (const r of state.refs) {
        const ref = `${articleHash(r.article)}.${r.paragraph}.${r.sentence}`;
        if (prefix.length + [...refs, ref].join(',').length > LIMITS.customId) break;
        refs.push(ref);
      }
      id = prefix + refs.join(',');
      break;
    }
  }
  if (id.length > LIMITS.customId) throw new Error(`customId: ${id.length} characters is over the limit`);
  return id;
}

/** A decoded click: the state, or why it cannot be honoured. */
export type DecodedButton =
  | { ok: true; state: ButtonState; hashes?: Array<{ hash: string; paragraph: number; sentence: number }> }
  | { ok: false; reason: 'unknown' | 'expired' };

/** How long a button keeps working. */
export const BUTTON_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Decodes a `custom_id`. Buttons of another format version, or older than BUTTON_LIFETIME_MS, are
 * expired; anything that does not parse is unknown. Context references come back as article hashes,
 * resolved by the caller against the loaded corpus.
 */
export function decodeButton(customId: string, now: number): DecodedButton {
  const parts = customId.split(':');
  if (parts[0] !== VERSION) return { ok: false, reason: parts[0]?.startsWith('c') ? 'expired' : 'unknown' };
  const issued = Number.parseInt(parts[2] ?? '', 36) * 1000;
  if (!Number.isFinite(issued)) return { ok: false, reason: 'unknown' };
  const decoded = parseState(parts, issued);
  if (decoded.ok && now - issued > BUTTON_LIFETIME_MS) return { ok: false, reason: 'expired' };
  return decoded;
}

/** The state of a well-formed id of the current version, or `unknown`. */
function parseState(parts: string[], issued: number): DecodedButton {
  const owner = /^\d{1,25}$/;
  switch (parts[1]) {
    case 'm':
    case 's': {
      const command = parts[3] as CommandName;
      const offset = Number(parts[4]);
      if (
        !COMMAND_NAMES.includes(command) ||
        !Number.isInteger(offset) ||
        offset < 0 ||
        !owner.test(parts[5] ?? '')
      ) {
        return { ok: false, reason: 'unknown' };
      }
      const article = parts[6];
      if (article !== undefined && !/^[\w-]{8}$/.test(article)) return { ok: false, reason: 'unknown' };
      return {
        ok: true,
        state: {
          action: parts[1] === 's' ? 'share' : 'more',
          command,
          offset,
          owner: parts[5] as string,
          issued,
          article,
        },
      };
    }
    case 'd':
      if (!owner.test(parts[3] ?? '')) return { ok: false, reason: 'unknown' };
      return { ok: true, state: { action: 'delete', owner: parts[3] as string, issued } };
    case 'v': {
      const [guild, question, helpful] = parts.slice(3);
      if (!owner.test(guild ?? '') || !owner.test(question ?? '') || (helpful !== '0' && helpful !== '1'))
        return { ok: false, reason: 'unknown' };
      return {
        ok: true,
        state: {
          action: 'vote',
          helpful: helpful === '1',
          guild: guild as string,
          question: question as string,
          issued,
        },
      };
    }
    case 'r':
      if (!/^[\w-]{8}$/.test(parts[3] ?? '')) return { ok: false, reason: 'unknown' };
      return { ok: true, state: { action: 'remove', article: parts[3] as string, issued } };
    case 'c': {
      const hashes = (parts[3] ?? '').split(',').flatMap((ref) => {
        const m = /^([\w-]{8})\.(\d+)\.(\d+)$/.exec(ref);
        return m ? [{ hash: m[1] as string, paragraph: Number(m[2]), sentence: Number(m[3]) }] : [];
      });
      if (!hashes.length) return { ok: false, reason: 'unknown' };
      return { ok: true, state: { action: 'context', refs: [], issued }, hashes };
    }
    default:
      return { ok: false, reason: 'unknown' };
  }
}

/** The server and question of an answer's vote buttons, read from the message's button ids, or null. */
export function feedbackOf(customIds: readonly string[]): { guild: string; question: string } | null {
  for (const id of customIds) {
    const parts = id.split(':');
    if (parts[0] !== VERSION || parts[1] !== 'v') continue;
    const decoded = parseState(parts, 0);
    if (decoded.ok && decoded.state.action === 'vote')
      return { guild: decoded.state.guild, question: decoded.state.question };
  }
  return null;
}
