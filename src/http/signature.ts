import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; Discord gives the raw 32-byte key in hex. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** How far a request's timestamp may be from now: older (or newer) requests are refused as replays. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Turns the application's public key (64 hex characters, from the developer portal) into a key object. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex))
    throw new Error('signature: expected a 64-character hex Ed25519 public key');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Why a request's signature was refused, or null when it is valid. */
export type SignatureProblem = 'missing signature' | 'bad signature' | 'stale timestamp' | null;

/**
 * Checks Discord's request signature: `X-Signature-Ed25519` over `X-Signature-Timestamp` followed by the
 * raw body, with Node's own crypto, and refuses timestamps more than five minutes from now (replays).
 */
export function checkSignature(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  now: number,
): SignatureProblem {
  if (!signature || !timestamp) return 'missing signature';
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'bad signature';
  const valid = verify(
    null,
    Buffer.concat([Buffer.from(timestamp), body]),
    key,
    Buffer.from(signature, 'hex'),
  );
  if (!valid) return 'bad signature';
  if (Math.abs(now - Number(timestamp) * 1000) > MAX_CLOCK_SKEW_MS) return 'stale timestamp';
  return null;
}
