/**
 * Discord's message limits, in one place. Every reply passes through `fitMessage`, so no answer,
 * article or user text can produce a message Discord would reject.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Title, description, field names and values, footer and author of all embeds together. */
  embedTotal: 6000,
  customId: 100,
  buttonLabel: 80,
  actionRows: 5,
  buttonsPerRow: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Attachments of one message, and the length of an attachment's file name and description. */
  attachments: 10,
  attachmentFilename: 1024,
  attachmentDescription: 1024,
  /** The largest upload Discord takes from a bot without a boosted server (10 MiB), per message. */
  uploadBytes: 10 * 1024 * 1024,
} as const;

/** The parts of an embed that count against the limits. */
export interface EmbedData {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  author?: { name: string };
  footer?: { text: string };
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  /** A picture shown in the embed: `attachment://NAME` for a file sent with the message. */
  image?: { url: string };
}

/** A file sent with a message (a picture), uploaded as a multipart part. */
export interface MessageFile {
  name: string;
  data: Buffer;
  /** Alt text: what the file shows, for readers who cannot see it. */
  description: string;
  contentType: string;
}

/** An attachment as a message lists it: the index of a file sent with it (`id`), its name and description. */
export interface AttachmentData {
  id: string;
  filename: string;
  description?: string;
}

/** A message as citebot sends it (content, embeds, components, flags, allowed mentions). */
export interface MessageData {
  content?: string;
  embeds?: EmbedData[];
  components?: unknown[];
  flags?: number;
  allowed_mentions: { parse: []; users?: string[]; roles?: []; replied_user?: false };
  /**
   * The attachments the message has after this send: the files sent with it, by index. An empty list
   * on an edit removes the files it had (a page of a list without a picture).
   */
  attachments?: AttachmentData[];
  /** The files uploaded with the message (not JSON: transports send them as multipart parts). */
  files?: MessageFile[];
}

/** Cuts text to at most `max` characters (code points kept whole), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  let out = '';
  for (const ch of chars) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** The characters an embed counts against the 6,000 total. */
export function embedSize(embed: EmbedData): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/**
 * Brings a message inside every limit: cuts each text field to its maximum, keeps at most 25 fields and
 * 10 embeds, and trims descriptions (last embeds first) until the total is at most 6,000.
 * Fields that would be empty after cutting are dropped; Discord rejects empty values.
 */
export function fitMessage(message: MessageData): MessageData {
  const embeds = (message.embeds ?? []).slice(0, LIMITS.embeds).map((embed) => {
    const fitted: EmbedData = { ...embed };
    if (embed.title !== undefined) fitted.title = truncate(embed.title, LIMITS.embedTitle);
    if (embed.description !== undefined)
      fitted.description = truncate(embed.description, LIMITS.embedDescription);
    if (embed.author) fitted.author = { name: truncate(embed.author.name, LIMITS.author) };
    if (embed.footer) fitted.footer = { text: truncate(embed.footer.text, LIMITS.footer) };
    if (embed.fields) {
      fitted.fields = embed.fields
        .slice(0, LIMITS.fields)
        .map((f) => ({
          ...f,
          name: truncate(f.name, LIMITS.fieldName),
          value: truncate(f.value, LIMITS.fieldValue),
        }))
        .filter((f) => f.name.trim() && f.value.trim());
    }
    return fitted;
  });
  const sum = () => embeds.reduce((total, e) => total + embedSize(e), 0);
  // Over the total: drop the last fields first, then shorten the longest description, then drop embeds.
  for (let total = sum(); total > LIMITS.embedTotal; total = sum()) {
    const withFields = [...embeds].reverse().find((e) => e.fields?.length);
    if (withFields?.fields) {
      withFields.fields.pop();
      continue;
    }
    const longest = embeds.reduce<EmbedData | undefined>(
      (best, e) => ((e.description?.length ?? 0) > (best?.description?.length ?? 0) ? e : best),
      undefined,
    );
    if (longest?.description && longest.description.length > 1) {
      longest.description = truncate(
        longest.description,
        Math.max(1, longest.description.length - (total - LIMITS.embedTotal)),
      );
      continue;
    }
    embeds.pop();
  }
  const fitted: MessageData = { ...message, embeds };
  if (message.content !== undefined) fitted.content = truncate(message.content, LIMITS.content);
  return fitted;
}
