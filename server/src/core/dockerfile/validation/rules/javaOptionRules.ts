// `java -jar app.jar -Xmx384m`: everything after `-jar <file>` is the application's own arguments,
// so a JVM option written there never reaches the JVM (the heap limit, a system property, an
// agent): the application gets "-Xmx384m" in its args and usually ignores it (round 72's miss:
// four bots' heap limits never applied).
import { t } from '../../../l10n';
import type { Instruction, Word } from '../../syntax/ast';
import { rule } from './rule';

/** Options only the JVM takes: -X and -XX: settings, -D system properties, agents. */
const JVM_OPTION = /^-(X[a-z]{2,}\S*|XX:\S+|D[A-Za-z_][\w.-]*(=.*)?|javaagent:\S+|agentlib:\S+|verbose:(gc|class)|ea|da|server|client)$/;

/** The words of a command line: the exec form's items, or the shell form's words. */
function wordsOf(i: Instruction): readonly Word[] {
  return i.exec ? i.exec.items : i.words;
}

export const jvmOptionAfterJar = rule({
  id: 'jvm-option-after-jar', reach: 'instruction', severity: 'warning',
  explain: () => [
    t('java reads its own options only before -jar <file> (or the main class). Everything after it is handed to the application as its arguments: java -jar app.jar -Xmx384m starts the JVM with its default heap and gives the application the string "-Xmx384m", which it usually ignores. The same holds for -D system properties and -javaagent.'),
    t('Write the JVM options before -jar: java -Xmx384m -jar app.jar, or set them in JAVA_TOOL_OPTIONS.'),
  ],
}, (ctx) => {
  for (const i of ctx.scope.instructions) {
    const target = i.trigger ?? i;
    if (target.upper !== 'CMD' && target.upper !== 'ENTRYPOINT' && target.upper !== 'RUN') continue;
    if (!target.argText.includes('-jar')) continue;
    const words = wordsOf(target);
    for (let k = 0; k + 2 < words.length; k++) {
      if (!/(^|\/)java$/.test(words[k]!.value)) continue;
      // The first -jar after java, before anything that ends the command.
      let j = k + 1;
      while (j < words.length && words[j]!.value !== '-jar' && !/^(&&|\|\||;|\||&)$/.test(words[j]!.value)) j++;
      if (words[j]?.value !== '-jar') continue;
      // The launcher reads options up to the first word that is none, the jar (java -jar -Xmx512m app.jar works).
      let jar = j + 1;
      while (jar < words.length && words[jar]!.value.startsWith('-')) jar++;
      if (jar >= words.length) continue;
      for (let m = jar + 1; m < words.length; m++) {
        const value = words[m]!.value;
        if (/^(&&|\|\||;|\||&)$/.test(value) || /[;&|]$/.test(value)) break;
        if (!JVM_OPTION.test(value)) continue;
        ctx.report(words[m]!.span, t('{0} comes after -jar {1}, so java hands it to the application as an argument and the JVM never applies it. Write it before -jar.', value, words[jar]!.value));
      }
    }
  }
});

export const javaOptionRules = [jvmOptionAfterJar];
