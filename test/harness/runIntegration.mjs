// Integration tier: the mocha suite in test/integration runs inside a real VS Code (code-server,
// VS Code 1.100, opened by headless Chromium with the `payload` URL) against the private Docker
// Engine. Results come back as JSON lines through a file; a hang is killed by a deadline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, OUTPUT, writeTierResult, clearTierResult } from './tiers.mjs';
import { buildIntegrationTests } from './buildTests.mjs';
import { runInCodeServer } from './codeServerSuite.mjs';
import { withEngine } from './withEngine.mjs';

const DEADLINE_MS = Number(process.env.DWB_INTEGRATION_TIMEOUT_MS || 15 * 60_000);

/**
 * Display languages the suite also runs in, each in its own code-server window started with
 * `--locale`. Such a window runs only the tests titled `locale <locale>: …` (test/integration/l10n*.test.ts
 * register them when DWB_TEST_LOCALE is set, and nothing in the usual English window).
 * DWB_INTEGRATION_LOCALES picks the list ('' for none). DWB_TEST_GREP='locale zh-cn:' runs only
 * the zh-cn window; any other DWB_TEST_GREP runs only the English one.
 */
const LOCALES = (process.env.DWB_INTEGRATION_LOCALES ?? 'zh-cn').split(',').map((l) => l.trim()).filter(Boolean);
const GREP = process.env.DWB_TEST_GREP ?? '';
/** The title prefix of the tests for a locale (a mocha grep, so no regular-expression characters). */
const localeTag = (locale) => `locale ${locale}:`;
/**
 * The tests titled `restricted mode: …` run in one more window whose workspace is not trusted
 * (test/integration/restrictedMode.test.ts registers them only when DWB_TEST_RESTRICTED is set).
 * DWB_TEST_GREP='restricted mode:' runs only that window; DWB_INTEGRATION_RESTRICTED=0 skips it.
 */
const RESTRICTED_TAG = 'restricted mode:';
const RESTRICTED = process.env.DWB_INTEGRATION_RESTRICTED !== '0';

export async function runIntegrationTier() {
  clearTierResult('integration');
  fs.mkdirSync(OUTPUT, { recursive: true });
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build first');
  const testsPath = await buildIntegrationTests();
  return withEngine(async (engineHost) => {
    const totals = { passed: 0, failed: 0 };
    const add = (t) => { totals.passed += t.passed; totals.failed += t.failed; };
    if (!LOCALES.some((locale) => GREP === localeTag(locale)) && GREP !== RESTRICTED_TAG) add(await runSuite({ engineHost, testsPath }));
    for (const locale of LOCALES.filter((l) => GREP === '' || GREP === localeTag(l))) add(await runSuite({ engineHost, testsPath, locale }));
    if (RESTRICTED && (GREP === '' || GREP === RESTRICTED_TAG)) add(await runSuite({ engineHost, testsPath, restricted: true }));
    writeTierResult('integration', totals);
    console.log(`integration: ${totals.passed} passed, ${totals.failed} failed`);
    return totals;
  });
}

async function runSuite({ engineHost, testsPath, locale, restricted = false }) {
  const totals = { passed: 0, failed: 0 };
  if (locale) console.log(`integration: the "${localeTag(locale)}" tests, in a window whose display language is ${locale}`);
  if (restricted) console.log(`integration: the "${RESTRICTED_TAG}" tests, in a window whose workspace is not trusted`);
  const label = locale ? `integration-${locale}` : restricted ? 'integration-restricted' : 'integration';
  const outcome = await runInCodeServer({
    engineHost,
    testsPath,
    label,
    deadlineMs: DEADLINE_MS,
    locale,
    restricted,
    env: locale ? { DWB_TEST_GREP: localeTag(locale), DWB_TEST_LOCALE: locale }
      : restricted ? { DWB_TEST_GREP: RESTRICTED_TAG, DWB_TEST_RESTRICTED: '1' }
        : { DWB_TEST_GREP: GREP },
    onEvent: (event) => {
      if (event.type === 'start') {
        console.log(`integration: running inside ${event.appName} ${event.vscodeVersion} (extension host on Node ${event.node})`);
      } else if (event.type === 'pass') {
        totals.passed++;
        console.log(`  ✔ ${event.title} (${event.durationMs} ms)`);
      } else if (event.type === 'fail') {
        totals.failed++;
        console.log(`  ✖ ${event.title}\n${indent(event.error)}`);
      } else if (event.type === 'pending') {
        totals.failed++;
        console.log(`  ✖ ${event.title} (skipped tests count as failures)`);
      }
    },
  });
  if (outcome === 'timeout') {
    console.error(`integration: no result within ${DEADLINE_MS / 1000} s; the suite hung or VS Code never ran it. ` +
      `See .test-output/${label}-code-server.log and .test-output/${label}-browser.log.`);
    totals.failed += 1;
  }
  if (locale && totals.passed + totals.failed === 0) {
    console.log(`  ✖ no "${localeTag(locale)}" test ran in the ${locale} window`);
    totals.failed += 1;
  }
  if (restricted && totals.passed + totals.failed === 0) {
    console.log(`  ✖ no "${RESTRICTED_TAG}" test ran in the Restricted Mode window`);
    totals.failed += 1;
  }
  return totals;
}

const indent = (text) => String(text).split('\n').map((l) => `      ${l}`).join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const totals = await runIntegrationTier();
    process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
  } catch (error) {
    console.error(`integration: ${error.stack ?? error}`);
    writeTierResult('integration', { passed: 0, failed: 1 });
    process.exit(1);
  }
}
