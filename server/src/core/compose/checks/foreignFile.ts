// A YAML file given to the compose checks that is another tool's configuration (Prometheus, Loki,
// an OpenTelemetry collector, an app's settings): none of its top-level keys is one compose reads,
// and its name does not say compose. Checked as compose, each of its keys would be an "unknown
// key" error (26 in round 9, on config files mounted by compose services). One note says why it
// is not checked instead. A file named for compose (or a stack) is always checked: there a wrong
// top-level key is the author's slip, and the suggestions help. (VS Code gives the compose language
// only to such names; other editors, or a user's file association, may give it to any YAML.)
import { t } from '../../l10n';
import { entries, rootMaps, type ValueNode } from '../model/access';
import type { ComposeFile } from '../model/composeFile';
import type { Problem } from './problems';

/** Top-level keys only compose files have: "version" and "name" are in many tools' files (LibreChat's config has a version). */
const COMPOSE_KEYS = new Set(['include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models']);

/** A file name that says compose: compose.yaml, docker-compose.prod.yml, app.compose.yml, docker-stack.yml. */
const COMPOSE_NAME = /compose|stack|swarm/;

/**
 * Top-level keys that together say which other tool a file is for, whatever its name: a GitHub
 * Actions workflow (round 20: .github/workflows/multimedia-stack-deployment.yml, whose "stack" made
 * it compose), a Kubernetes manifest, a CloudFormation template, a GitLab pipeline.
 */
const OTHER_TOOLS: readonly (readonly string[])[] = [['on', 'jobs'], ['apiVersion', 'kind'], ['AWSTemplateFormatVersion'], ['Resources', 'Outputs'], ['stages', 'variables']];

/** Keys only a service has: a top-level key holding one is a service of the old format without services: (round 20: an extends file). */
const SERVICE_KEYS = new Set(['image', 'build', 'extends']);

/** Whether a node holds a service's keys at its top or one level down (a misspelt services: holding services). */
function holdsServices(file: ComposeFile, node: ValueNode | null | undefined): boolean {
  if (node?.kind !== 'map') return false;
  const inner = entries(file, node);
  return inner.some((e) => SERVICE_KEYS.has(e.key) || (e.value?.kind === 'map' && entries(file, e.value).some((s) => SERVICE_KEYS.has(s.key))));
}

/**
 * A file named for a stack (not for compose) that is another tool's, as stack.yml often is (round 24: a laconic-so stack.yml with name,
 * description, repos, containers and pods): no compose key, nothing that holds a service, and at
 * least two keys besides version and name. A compose file whose sections are misspelt still holds
 * its services, and is checked.
 */
function otherFormatNamedStack(file: ComposeFile): Problem | undefined {
  const keys = rootMaps(file).flatMap((root) => entries(file, root));
  if (keys.some((e) => COMPOSE_KEYS.has(e.key) || e.key.startsWith('x-') || holdsServices(file, e.value))) return undefined;
  const others = keys.filter((e) => e.key !== 'version' && e.key !== 'name');
  if (others.length < 2) return undefined;
  const first = others[0]!.keyNode;
  return {
    rule: 'compose-foreign-file', start: first.start, end: first.end,
    message: t('None of this file\'s top-level keys ({0}, ...) is one compose reads, and none holds a service: though its name says stack, it looks like another tool\'s file, so it is not checked as a compose file.', others[0]!.key),
  };
}

/** The note for a file that is not a compose file, or undefined when it is (or may be) one. */
export function foreignFile(file: ComposeFile): Problem | undefined {
  const name = decodeURIComponent(file.uri.slice(file.uri.lastIndexOf('/') + 1)).toLowerCase();
  const tool = otherTool(file);
  if (tool) return tool;
  if (COMPOSE_NAME.test(name)) return indentedFragment(file) ?? (name.includes('compose') ? undefined : otherFormatNamedStack(file));
  // A top-level list (an Ansible playbook or task file, round 10) is no compose file either.
  const list = file.documents.find((d) => d.root?.kind === 'seq')?.root;
  if (list && rootMaps(file).length === 0) {
    return { rule: 'compose-foreign-file', start: list.start, end: Math.min(list.end, list.start + 1), message: t('This file is a list, and its name does not say compose: it looks like another tool\'s file (an Ansible playbook or task list), so it is not checked as a compose file.') };
  }
  const keys = rootMaps(file).flatMap((root) => entries(file, root));
  if (keys.length === 0 || keys.some((e) => COMPOSE_KEYS.has(e.key) || e.key.startsWith('x-'))) return undefined;
  if (keys.some((e) => e.value?.kind === 'map' && entries(file, e.value).some((s) => SERVICE_KEYS.has(s.key)))) return undefined;
  const named = keys.find((e) => e.key !== 'version' && e.key !== 'name') ?? keys[0]!;
  const first = named.keyNode;
  return {
    rule: 'compose-foreign-file',
    start: first.start,
    end: first.end,
    message: t('None of this file\'s top-level keys ({0}, ...) is one compose reads, and its name does not say compose: it looks like another tool\'s configuration, so it is not checked as a compose file.', named.key),
  };
}

/**
 * CI configuration by its place or name: a GitHub Actions workflow, GitLab, CircleCI, Travis,
 * Drone, Bitbucket, Azure Pipelines. Never a compose file, even where a script in it writes one
 * (round 21: a broken workflow whose heredoc put a compose file's services: at the margin).
 */
const CI_FILE = /\/\.github\/workflows\/[^/]+$|\/\.gitlab-ci\.ya?ml$|\/\.circleci\/[^/]+$|\/\.travis\.ya?ml$|\/\.drone\.ya?ml$|\/bitbucket-pipelines\.ya?ml$|\/azure-pipelines[^/]*\.ya?ml$/i;

/** The note for a file whose top-level keys are another tool's (see OTHER_TOOLS) and none compose's own, or a CI file. */
function otherTool(file: ComposeFile): Problem | undefined {
  const keys = rootMaps(file).flatMap((root) => entries(file, root));
  if (CI_FILE.test(decodeURIComponent(file.uri)) && keys.length > 0) {
    const first = keys[0]!.keyNode;
    return { rule: 'compose-foreign-file', start: first.start, end: first.end, message: t('This is a CI configuration file by its place and name ({0}), not a compose file, so it is not checked as one.', decodeURIComponent(file.uri.slice(file.uri.lastIndexOf('/') + 1))) };
  }
  if (keys.some((e) => COMPOSE_KEYS.has(e.key) || e.key.startsWith('x-'))) return undefined;
  const names = new Set(keys.map((e) => e.key));
  if (!OTHER_TOOLS.some((set) => set.every((k) => names.has(k)))) return undefined;
  const named = keys.find((e) => e.key !== 'version' && e.key !== 'name') ?? keys[0]!;
  return {
    rule: 'compose-foreign-file',
    start: named.keyNode.start,
    end: named.keyNode.end,
    message: t('None of this file\'s top-level keys ({0}, ...) is one compose reads, and together they are another tool\'s (a GitHub Actions workflow, a Kubernetes manifest, a CloudFormation template or a CI pipeline), so it is not checked as a compose file.', named.key),
  };
}

/**
 * A file named for compose whose top-level keys are all indented, none of them one compose reads:
 * a fragment that a script or template pastes under another file's key (round 15: services written
 * under `services:` by a generator). Its keys are service names, not unknown top-level keys.
 */
function indentedFragment(file: ComposeFile): Problem | undefined {
  const keys = rootMaps(file).flatMap((root) => entries(file, root));
  if (keys.length === 0 || keys.some((e) => COMPOSE_KEYS.has(e.key) || e.key === 'version' || e.key === 'name' || e.key.startsWith('x-'))) return undefined;
  const text = file.text;
  const indented = (at: number) => {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    return at > lineStart && text.slice(lineStart, at).trim() === '';
  };
  if (!keys.every((e) => indented(e.keyNode.start))) return undefined;
  const first = keys[0]!.keyNode;
  return {
    rule: 'compose-foreign-file',
    start: first.start,
    end: first.end,
    message: t('This file\'s top-level keys ({0}, ...) are all indented and none is one compose reads: it is a fragment that another file or a script puts under a key (such as services:), so it is not checked as a compose file on its own.', keys[0]!.key),
  };
}

