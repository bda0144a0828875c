import { type KeyObject, sign } from 'node:crypto';

/** What an HTTP interactions endpoint answered: status, content type, and the body (bytes and text). */
export interface EndpointReply {
  status: number;
  type: string;
  bytes: Buffer;
  text: string;
}

/**
 * Posts an interaction to a `citebot serve` on 127.0.0.1, signed as Discord signs it (Ed25519 over
 * the timestamp and the body), as the end-to-end tests of the HTTP transport send theirs.
 */
export async function postSigned(
  port: number,
  privateKey: KeyObject,
  interaction: unknown,
): Promise<EndpointReply> {
  const body = JSON.stringify(interaction);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  const response = await fetch(`http://127.0.0.1:${port}/interactions`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    bytes,
    text: bytes.toString('utf8'),
  };
}

/** The callback JSON of a reply: the body, or a multipart reply's `payload_json` (one with a picture). */
export async function callbackText(reply: EndpointReply): Promise<string> {
  if (!reply.type.startsWith('multipart/form-data')) return reply.text;
  const form = await new Response(reply.bytes, { headers: { 'content-type': reply.type } }).formData();
  return String(form.get('payload_json'));
}
