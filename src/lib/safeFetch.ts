import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import ipaddr from 'ipaddr.js';

/** A page fetch that was refused or failed, with a message fit to show the user. */
export class FetchError extends Error {
  override name = 'FetchError';
  /** For a refused private, loopback or link-local address: that address (what INGEST_ALLOW_PRIVATE would list). */
  privateAddress: string | null = null;
}

/** The refusal of an address the public internet does not route, naming it. */
function privateRefusal(host: string, address: string): FetchError {
  const error = new FetchError(`${host} is a private address${host === address ? '' : ` (${address})`}`);
  error.privateAddress = address;
  return error;
}

/** The limits of a fetch (the defaults are the /ingest ones). */
export interface FetchLimits {
  /** The whole fetch, redirects included (10 s). */
  timeoutMs?: number;
  /** The most bytes of body read, after decompression (2 MB). */
  maxBytes?: number;
  /** The most redirects followed (3). */
  maxRedirects?: number;
  /**
   * Addresses or ranges (CIDR) that may be reached although private, loopback or link-local (an
   * operator's own intranet, or a test's 127.0.0.1). Everything else that is not public is refused.
   */
  allowPrivate?: readonly string[];
}

/** A fetched page. */
export interface FetchedPage {
  /** The address the body came from (after redirects). */
  url: string;
  /** The media type, lower case, without parameters ("text/html"). */
  type: string;
  body: string;
}

const DEFAULTS = { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 3 };

/** Reads an allow list such as "127.0.0.1, 10.0.0.0/8, ::1" into ranges (a bad entry throws). */
export function parseAllowList(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries)
    if (!(entry.includes('/') ? isCidr(entry) : ipaddr.isValid(entry)))
      throw new Error(`expected addresses or CIDR ranges separated by commas, not "${entry}"`);
  return entries;
}

function isCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether an address is one the public internet routes (not private, loopback, link-local, ...). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** Whether an address is in the operator's allow list. */
function allowed(address: string, allow: readonly string[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return allow.some((entry) => {
    const [range, bits] = entry.includes('/') ? ipaddr.parseCIDR(entry) : [ipaddr.process(entry), -1];
    if (range.kind() !== parsed.kind()) return false;
    return bits < 0 ? range.toString() === parsed.toString() : parsed.match([range, bits] as never);
  });
}

/**
 * A DNS look-up that refuses hosts resolving to addresses the public internet does not route, checked
 * when the connection is made (so a host cannot pass a check and then resolve elsewhere).
 */
function guardedLookup(allow: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !isPublicAddress(a.address) && !allowed(a.address, allow));
      if (refused) return callback(privateRefusal(hostname, refused.address), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/**
 * Fetches a web page for /ingest and `citebot ingest`: http and https only; redirects followed at most
 * `maxRedirects` times (each one checked again); one deadline for the whole fetch; the body read up to
 * `maxBytes` (a bigger page is refused, by its Content-Length or while reading); hosts that resolve to
 * private, loopback or link-local addresses refused unless allowed. Every failure is a FetchError.
 */
export async function fetchPage(address: string, limits: FetchLimits = {}): Promise<FetchedPage> {
  const { timeoutMs, maxBytes, maxRedirects } = { ...DEFAULTS, ...limits };
  const allow = limits.allowPrivate ?? [];
  const deadline = AbortSignal.timeout(timeoutMs);
  let url = parseAddress(address);
  for (let redirects = 0; ; redirects++) {
    const response = await get(url, allow, deadline, timeoutMs);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (redirects >= maxRedirects) throw new FetchError(`more than ${maxRedirects} redirects`);
      url = parseAddress(new URL(response.headers.location, url).toString());
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new FetchError(
        `the server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`,
      );
    }
    const length = Number(response.headers['content-length']);
    if (Number.isFinite(length) && length > maxBytes && !response.headers['content-encoding']) {
      response.destroy();
      throw new FetchError(`the page is larger than ${megabytes(maxBytes)}`);
    }
    const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const charset = /charset=["']?([\w-]+)/i.exec(response.headers['content-type'] ?? '')?.[1];
    const bytes = await readBody(response, maxBytes, deadline);
    return { url: url.toString(), type, body: decode(bytes, charset) };
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

function parseAddress(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchError(`"${address.slice(0, 100)}" is not a web address`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchError(
      `only http and https addresses can be fetched, not ${url.protocol.replace(':', '')}`,
    );
  if (url.username || url.password)
    throw new FetchError('addresses with a user name or password are refused');
  return url;
}

function get(
  url: URL,
  allow: readonly string[],
  deadline: AbortSignal,
  timeoutMs: number,
): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isPublicAddress(host) && !allowed(host, allow))
    return Promise.reject(privateRefusal(host, host));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      lookup: guardedLookup(allow),
      signal: deadline,
      headers: {
        'user-agent': 'citebot (+https://github.com/citebot) article ingest',
        accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
      },
    });
    req.on('response', resolve);
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof FetchError) reject(error);
      else if (error.name === 'AbortError' || error.name === 'TimeoutError' || deadline.aborted)
        reject(new FetchError(`no answer within ${timeoutMs / 1000} s`));
      else if (error.code === 'ENOTFOUND') reject(new FetchError(`no such host: ${url.hostname}`));
      else if (error.code === 'ECONNREFUSED') reject(new FetchError(`${url.host} refused the connection`));
      else reject(new FetchError(`could not fetch the page (${error.code ?? error.message})`));
    });
    req.end();
  });
}

function readBody(response: IncomingMessage, maxBytes: number, deadline: AbortSignal): Promise<Buffer> {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  const stream =
    encoding === 'gzip'
      ? response.pipe(createGunzip())
      : encoding === 'deflate'
        ? response.pipe(createInflate())
        : encoding === 'br'
          ? response.pipe(createBrotliDecompress())
          : response;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: FetchError) => {
      response.destroy();
      stream.destroy();
      reject(error);
    };
    const onAbort = () => fail(new FetchError('no answer within the time allowed'));
    deadline.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new FetchError(`the page is larger than ${megabytes(maxBytes)}`));
      else chunks.push(chunk);
    });
    stream.on('error', () => fail(new FetchError('the page could not be read (bad compression or cut off)')));
    stream.on('end', () => {
      deadline.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks));
    });
  });
}

function decode(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
