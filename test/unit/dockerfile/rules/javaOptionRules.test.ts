import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';

test('java option rules', async (t) => {
  await checkRuleCases(t, [
    { rule: 'jvm-option-after-jar', bad: 'FROM eclipse-temurin:21-jre\nCMD java -jar /app.jar -Xmx384m\n', good: 'FROM eclipse-temurin:21-jre\nCMD java -Xmx384m -jar /app.jar --server.port=8080\n', line: 1 },
  ], assert);
});

test('jvm-option-after-jar: JVM options after -jar <file>, in exec and shell form, CMD, ENTRYPOINT and RUN (round 72: four bots\' heap limits)', () => {
  const found = (text: string) => runRule('jvm-option-after-jar', text).map((d) => [d.range.start.line, d.range.start.character, d.message]);
  assert.deepEqual(found('FROM eclipse-temurin:21-jre\nENTRYPOINT ["java", "-jar", "/x.jar", "-Xmx384m", "-Dspring.profiles.active=prod", "--port=80"]\n'), [
    [1, 38, '-Xmx384m comes after -jar /x.jar, so java hands it to the application as an argument and the JVM never applies it. Write it before -jar.'],
    [1, 50, '-Dspring.profiles.active=prod comes after -jar /x.jar, so java hands it to the application as an argument and the JVM never applies it. Write it before -jar.'],
  ]);
  assert.deepEqual(found('FROM maven:3-eclipse-temurin-21\nRUN /opt/java/bin/java -jar tool.jar -XX:+UseG1GC && echo done\n').map((f) => f[1]), [37]);
  // Options before -jar, application flags after it, and what follows another command: nothing.
  assert.deepEqual(found('FROM eclipse-temurin:21-jre\nCMD java -Xmx1g -Dfile.encoding=UTF-8 -jar app.jar --spring.profiles.active=prod -v\n'), []);
  // Options between -jar and the jar are still the launcher's (round 43: java -jar -Xmx512m -Xms256m app.jar).
  assert.deepEqual(found('FROM eclipse-temurin:21-jre\nENTRYPOINT ["java", "-jar", "-Xmx512m", "-Xms256m", "app.jar"]\n'), []);
  assert.deepEqual(found('FROM eclipse-temurin:21-jre\nRUN java -jar a.jar && other -Xmx1g\nCMD ["sh", "-c", "exec java $JAVA_OPTS -jar app.jar"]\n'), []);
});
