// The Dockerfile and .dockerignore grammars as a user sees them, for people to look at: the
// packaged .vsix is installed into code-server, a Dockerfile full of the constructs the grammar
// handles (directives, flags, variables, continuations, heredocs with shell and text bodies,
// exec and shell form) is opened in headless Chromium, and screenshots are saved to
// .test-output/e2e/:
//   dockerfile-grammar.png            with the language server's semantic tokens on (the default)
//   dockerfile-grammar-textmate.png   "editor.semanticHighlighting.enabled": false, the grammar alone
//   dockerfile-grammar-inspect.png    VS Code's token inspector on a heredoc body line
//   dockerfile-on-enter.png           lines typed after a trailing backslash (onEnterRules)
//   dockerignore-grammar.png          a .dockerignore
// No Docker Engine is needed. Run after `npm run package`: node test/harness/grammarScreenshot.mjs
import * as path from 'node:path';
import { OUTPUT } from './tiers.mjs';
import { stepCounter, scratchWorkspace, openWorkbench, runFromPalette, VSIX, prepareScreenshots, runAsScript, saveScreenshot } from './userSession.mjs';
import { installVsix, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';

export const SAMPLE_DOCKERFILE = `# syntax=docker/dockerfile:1.7
# check=skip=JSONArgsRecommended
ARG NODE_VERSION=22
FROM --platform=$BUILDPLATFORM node:\${NODE_VERSION}-alpine AS build
WORKDIR /src
ENV NODE_ENV=production PATH="/src/node_modules/.bin:\${PATH}"
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \\
    npm ci --omit=dev --no-audit && \\
    # a comment inside the continuation
    npm cache clean --force
COPY . .
RUN <<EOF
set -eux
if [ -n "\${CI:-}" ]; then echo "it's CI"; fi
npm run build
EOF

FROM nginx:1.27-alpine AS final
LABEL org.opencontainers.image.title="demo" version="1.0"
COPY --from=build --chown=nginx:nginx --chmod=0644 /src/dist /usr/share/nginx/html
COPY <<-EOT /etc/nginx/conf.d/health.conf
\tlocation /health { return 200 "ok \${HOSTNAME}"; }
\tEOT
RUN cat <<'EOF' > /etc/motd && chmod 644 /etc/motd
Welcome! $USER stays literal here.
EOF
EXPOSE 80/tcp 443
HEALTHCHECK --interval=30s --timeout=3s \\
  CMD wget -qO- http://localhost/health || exit 1
USER nginx:nginx
STOPSIGNAL SIGQUIT
ONBUILD RUN echo "building \${APP:-a child image}"
CMD ["nginx", "-g", "daemon off;"]
`;

const SAMPLE_DOCKERIGNORE = `# keep the build context small
node_modules
**/*.log
.git
!important.log
dist/[a-z]?.tmp
[^.]*.bak
file\\*name
`;

export async function grammarScreenshots() {
  prepareScreenshots();
  const { totals, step } = stepCounter();

  const { workspace, extensionsDir, scratch, remove } = scratchWorkspace('grammar', { 'Dockerfile': SAMPLE_DOCKERFILE, '.dockerignore': SAMPLE_DOCKERIGNORE });
  let browser;
  try {
    console.log('grammar: screenshots with the packaged extension');
    const installed = await step('the .vsix installs into code-server', async () => {
      installVsix(VSIX, extensionsDir, path.join(scratch, 'user-data-install'));
    });
    if (!installed) return totals;
    browser = await launchBrowser();

    await session(browser, workspace, extensionsDir, path.join(scratch, 'user-data-semantic'), {}, async (page) => {
      await step('a Dockerfile with semantic tokens on (.test-output/e2e/dockerfile-grammar.png)', async () => {
        await openFile(page, 'Dockerfile');
        await page.waitForTimeout(4000); // the language server starts and sends its semantic tokens
        await expectColouredShell(page, 'set -eux');
        await shoot(page, 'dockerfile-grammar.png');
      });
      await step('a .dockerignore (.test-output/e2e/dockerignore-grammar.png)', async () => {
        await openFile(page, '.dockerignore');
        await page.locator('.view-line', { hasText: '**/*.log' }).first().waitFor({ timeout: 15_000 });
        await shoot(page, 'dockerignore-grammar.png');
      });
    });

    await session(browser, workspace, extensionsDir, path.join(scratch, 'user-data-textmate'), { 'editor.semanticHighlighting.enabled': false }, async (page) => {
      await step('the same Dockerfile coloured by the grammar alone (.test-output/e2e/dockerfile-grammar-textmate.png)', async () => {
        await openFile(page, 'Dockerfile');
        await page.waitForTimeout(2000);
        // Without semantic tokens only the TextMate grammar colours the file: the heredoc body and
        // the shell-form command must still have several colours (the built-in grammar has none).
        await expectColouredShell(page, 'set -eux');
        await expectColouredShell(page, 'npm ci --omit=dev');
        await shoot(page, 'dockerfile-grammar-textmate.png');
      });
      await step('the token inspector shows the grammar\'s scopes on a heredoc body (.test-output/e2e/dockerfile-grammar-inspect.png)', async () => {
        await goTo(page, 15, 2); // `if` in the RUN heredoc
        await runFromPalette(page, 'Developer: Inspect Editor Tokens and Scopes');
        const widget = page.locator('.token-inspect-widget');
        await widget.waitFor({ timeout: 15_000 });
        await page.waitForTimeout(1000);
        await shoot(page, 'dockerfile-grammar-inspect.png');
        const text = await widget.innerText();
        for (const scope of ['source.dockerfile', 'meta.heredoc.body.dockerfile', 'meta.embedded.block.shell.dockerfile']) {
          if (!text.includes(scope)) throw new Error(`the inspector does not show ${scope}:\n${text}`);
        }
        await page.keyboard.press('Escape');
      });
      await step('Enter after a trailing backslash indents the continuation and comes back after its last line', async () => {
        await goTo(page, 35, 1); // the empty last line
        const column = async () => Number(/Col (\d+)/.exec(await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText())?.[1]);
        const typeLine = async (text) => {
          await page.keyboard.type(text, { delay: 10 });
          await page.waitForTimeout(300);
          await page.keyboard.press('Escape'); // no completion list takes the Enter
          await page.keyboard.press('Enter');
          await page.waitForTimeout(300);
          return column();
        };
        const indented = await typeLine('RUN apt-get update \\');
        const kept = await typeLine('&& apt-get install -y curl \\');
        const back = await typeLine('&& rm -rf /var/lib/apt/lists/*');
        await shoot(page, 'dockerfile-on-enter.png');
        if (!(indented > 1)) throw new Error(`the line after "RUN … \\" starts at column ${indented}`);
        if (kept !== indented) throw new Error(`the continuation moved to column ${kept} (was ${indented})`);
        if (back !== 1) throw new Error(`after the last continuation line the cursor is at column ${back}`);
      });
    });
  } catch (error) {
    totals.failed++;
    console.log(`  ✖ grammar setup failed: ${error?.stack ?? error}`);
  } finally {
    await browser?.close().catch(() => undefined);
    remove();
  }
  return totals;
}

/** One code-server with its own user settings, one page on the workspace. */
async function session(browser, workspace, extensionsDir, userDataDir, settings, work) {
  const server = await startCodeServer({
    workspace, userDataDir, extensionsDir,
    // No engine: the extension must colour Dockerfiles without one.
    env: { DOCKER_HOST: `unix://${path.join(userDataDir, 'no-engine.sock')}` },
    settings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.minimap.enabled': false,
      'editor.fontSize': 14,
      'workbench.activityBar.location': 'hidden',
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
      ...settings,
    },
    logFile: path.join(OUTPUT, 'grammar-code-server.log'),
  });
  let page;
  try {
    page = await openWorkbench(browser, server.url, workspace, { width: 1360, height: 1000 });
    await work(page);
  } finally {
    await page?.close().catch(() => undefined);
    await server.stop();
  }
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  // Close the sidebar so the editor is wide, and keep the pointer off the text.
  if (await page.locator('.part.sidebar:visible').count()) await page.keyboard.press('Control+B');
  await page.mouse.move(1300, 980);
}

async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

/** The rendered line holding `text` uses several token colours (Monaco's mtk classes). */
async function expectColouredShell(page, text) {
  const line = page.locator('.view-line', { hasText: text }).first();
  await line.waitFor({ timeout: 15_000 });
  const classes = await line.locator('span > span').evaluateAll((spans) => [...new Set(spans.filter((s) => s.textContent.trim()).map((s) => s.className))]);
  if (classes.length < 2) throw new Error(`"${text}" is drawn in one colour (${classes.join(', ')})`);
}

async function shoot(page, name) {
  await page.waitForTimeout(500);
  await saveScreenshot(page, name);
}

if (import.meta.url === `file://${process.argv[1]}`) await runAsScript('grammar screenshots', grammarScreenshots);
