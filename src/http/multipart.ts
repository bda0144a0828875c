import { randomBytes } from 'node:crypto';
import type { MessageFile } from '../discord/limits.ts';

/**
 * A multipart/form-data body as Discord takes it for a response with files: the JSON payload in the
 * `payload_json` part and each file in a `files[n]` part (n = the attachment id the payload lists).
 */
export function multipartBody(
  payload: unknown,
  files: readonly MessageFile[],
): { body: Buffer; contentType: string } {
  const boundary = `citebot-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  const head = (headers: string) => Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`, 'utf8');
  parts.push(
    head('Content-Disposition: form-data; name="payload_json"\r\nContent-Type: application/json'),
    Buffer.from(JSON.stringify(payload), 'utf8'),
    Buffer.from('\r\n'),
  );
  files.forEach((file, index) => {
    const name = file.name.replace(/["\r\n\\]/g, '_');
    parts.push(
      head(
        `Content-Disposition: form-data; name="files[${index}]"; filename="${name}"\r\nContent-Type: ${file.contentType}`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  });
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
