// Rules about EXPOSE: port numbers, ranges and protocols.
import { t } from '../../../l10n';
import { rule, type RuleContext } from './rule';
import type { Word } from '../../syntax/ast';
import { TEMPLATE } from './contextRules';
import { commentWordIndex } from './inlineCommentRules';

/** A template's placeholder for a port: {service-port}, <PORT>, %%PORT%%, @PORT@. */
const PLACEHOLDER = /^(\{[\w.-]+\}|<[\w.-]+>|%%[\w.-]+%%|@[\w.-]+@)$/;

const memo = new WeakMap<object, Word[]>();

function exposedWords(ctx: RuleContext): Word[] {
  const hit = memo.get(ctx.scope);
  if (hit) return hit;
  // A template's placeholder (EXPOSE {{ hosts.api.port }}) is filled in before the build (round 27).
  // Words after a would-be comment (EXPOSE 8080 # api) are inline-comment's to tell.
  const words = ctx.scope.instructions.flatMap((i) => {
    const target = i.trigger ?? i;
    if (target.upper !== 'EXPOSE' || TEMPLATE.test(target.argText)) return [];
    const hash = commentWordIndex(i);
    return hash < 0 ? target.words : target.words.slice(0, hash);
  }).filter((w) => !w.value.includes('$') && !PLACEHOLDER.test(w.value));
  memo.set(ctx.scope, words);
  return words;
}

function splitPort(value: string): { ports: string; proto: string | undefined } {
  const slash = value.indexOf('/');
  return slash < 0 ? { ports: value, proto: undefined } : { ports: value.slice(0, slash), proto: value.slice(slash + 1) };
}

export const exposeInvalidFormat = rule({
  id: 'expose-invalid-format', reach: 'instruction', severity: 'warning', buildkit: 'ExposeInvalidFormat',
  explain: () => [t('EXPOSE only documents which container ports the service listens on. Publishing to the host (host:container) or binding an IP address is decided at run time with docker run -p, not in the Dockerfile.')],
}, (ctx) => {
  for (const w of exposedWords(ctx)) {
    if (splitPort(w.value).ports.includes(':')) {
      ctx.report(w.span, t('EXPOSE takes container ports only; publish {0} with docker run -p instead.', w.value), { data: { replacement: splitPort(w.value).ports.split(':').pop()! + (splitPort(w.value).proto ? `/${splitPort(w.value).proto}` : '') } });
    }
  }
});

export const exposeInvalidPort = rule({
  id: 'expose-invalid-port', reach: 'instruction', severity: 'error', hadolint: ['DL3011'], dockerfileUtils: ['INVALID_PORT'],
  explain: () => [t('A port is a number from 0 to 65535, or a range such as 8000-8010.')],
}, (ctx) => {
  for (const w of exposedWords(ctx)) {
    const { ports } = splitPort(w.value);
    if (ports.includes(':')) continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(ports);
    if (!m) ctx.report(w.span, t('{0} is not a port number or range.', w.value));
    else if (Number(m[1]) > 65535 || (m[2] !== undefined && Number(m[2]) > 65535)) ctx.report(w.span, t('Ports go up to 65535; {0} is out of range.', ports));
    else if (m[2] !== undefined && Number(m[2]) < Number(m[1])) ctx.report(w.span, t('The range {0} ends before it starts.', ports));
  }
});

export const exposeInvalidProtocol = rule({
  id: 'expose-invalid-protocol', reach: 'instruction', severity: 'error', dockerfileUtils: ['INVALID_PROTO'],
  explain: () => [t('EXPOSE accepts the protocols tcp (the default), udp and sctp after a slash, as in 53/udp.')],
}, (ctx) => {
  for (const w of exposedWords(ctx)) {
    const { proto } = splitPort(w.value);
    // BuildKit reads an empty protocol (80/) as tcp, the default.
    if (proto && !['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) ctx.report(w.span, t('{0} is not a protocol; use tcp, udp or sctp.', proto));
  }
});

export const exposeProtoCasing = rule({
  id: 'expose-protocol-casing', reach: 'instruction', severity: 'hint', buildkit: 'ExposeProtoCasing',
  explain: () => [t('Protocols in EXPOSE are written in lower case (80/tcp, 53/udp).')],
}, (ctx) => {
  for (const w of exposedWords(ctx)) {
    const { ports, proto } = splitPort(w.value);
    if (proto && proto !== proto.toLowerCase() && ['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) {
      ctx.report(w.span, t('Write the protocol in lower case: {0}.', `${ports}/${proto.toLowerCase()}`), { data: { replacement: `${ports}/${proto.toLowerCase()}` } });
    }
  }
});

export const exposeRules = [exposeInvalidFormat, exposeInvalidPort, exposeInvalidProtocol, exposeProtoCasing];
