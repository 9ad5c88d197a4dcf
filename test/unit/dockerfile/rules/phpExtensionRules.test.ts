import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, runRule } from '../helpers';
import { validateDockerfile } from '../../../../server/src/core/dockerfile/dockerfileLanguageService';

const check = (text: string) => runRule('php-extension-library-missing', text);

test('php-extension-library-missing', async (t) => {
  await checkRuleCases(t, [
    { rule: 'php-extension-library-missing', bad: 'FROM php:8.3-fpm\nRUN docker-php-ext-install intl pdo_mysql\n', good: 'FROM php:8.3-fpm\nRUN apt-get update && apt-get install -y libicu-dev && docker-php-ext-install intl pdo_mysql\n', line: 1 },
  ], assert);
});

test('php-extension-library-missing: an extension whose library no step before installs, on the official php images', () => {
  const [intl, ...rest] = check('FROM php:8.3-fpm\nRUN docker-php-ext-install -j$(nproc) pdo_mysql intl opcache\n');
  assert.deepEqual(rest, []);
  assert.deepEqual([intl!.range.start.character, intl!.range.end.character], [48, 52]);
  assert.match(intl!.message, /^intl builds against ICU, whose headers php:8\.3-fpm does not keep.*Install libicu-dev first \(apt-get install -y libicu-dev\)\.$/);
  // The zip and unzip programs bring no headers; Alpine's package names.
  assert.deepEqual(check('FROM php:8.2-cli\nRUN apt-get update && apt-get install -y zip unzip git && docker-php-ext-install zip\n').length, 1);
  assert.match(check('FROM php:7.4-fpm-alpine\nRUN apk add --no-cache $PHPIZE_DEPS && docker-php-ext-install mbstring\n')[0]!.message, /oniguruma.*apk add oniguruma-dev/);
  // pgsql and pdo_pgsql need the same library: said once; gd and bz2 on an untagged (newest) image.
  assert.deepEqual(check('FROM php:apache\nRUN docker-php-ext-install pdo_pgsql pgsql gd bz2\n').map((d) => d.message.split(' ')[0]), ['pdo_pgsql', 'gd', 'bz2']);
  // Built FROM a stage of the same image: the parent's installs are read too.
  assert.equal(check('FROM php:8.3-fpm AS base\nRUN apt-get update && apt-get install -y libpng-dev\nFROM base\nRUN docker-php-ext-install gd xsl\n').map((d) => d.message.split(' ')[0]).join(), 'xsl');
});

test('php-extension-library-missing: inside an if, a warning', () => {
  const text = 'FROM php:8.3-fpm\nARG WITH_INTL=false\nRUN if [ "$WITH_INTL" = true ]; then docker-php-ext-install intl; fi\n';
  assert.deepEqual(validateDockerfile(text).filter((d) => d.code === 'php-extension-library-missing').map((d) => d.severity), [2]);
  assert.deepEqual(validateDockerfile('FROM php:8.3-fpm\nRUN docker-php-ext-install intl\n').filter((d) => d.code === 'php-extension-library-missing').map((d) => d.severity), [1]);
});

test('php-extension-library-missing: not where the library may be there or the extension needs none', () => {
  for (const text of [
    'FROM php:8.3-fpm\nRUN apt-get update && apt-get install -y libicu-dev\nRUN docker-php-ext-install intl\n',
    // Debian's libxml2-dev depends on libicu-dev, libfreetype-dev on libpng-dev (rounds 53 and 55).
    'FROM php:8-fpm\nRUN apt-get update && apt-get install -y libxml2-dev zlib1g-dev libzip-dev\nRUN docker-php-ext-install soap zip intl\n',
    'FROM php:7.4-fpm\nRUN apt-get update && apt-get install -y libfreetype6-dev libjpeg62-turbo-dev && docker-php-ext-configure gd --with-freetype --with-jpeg && docker-php-ext-install gd\n',
    // A -dev package whose dependencies are not known may bring anything.
    'FROM php:8.3-fpm\nRUN apt-get update && apt-get install -y libmagickwand-dev\nRUN docker-php-ext-install gd intl\n',
    // Packages only a variable names, the community installer, a script, a build from source.
    'FROM php:8.3-fpm\nARG DEPS="libicu-dev"\nRUN apt-get update && apt-get install -y $DEPS && docker-php-ext-install intl\n',
    'FROM php:8.3-fpm\nCOPY --from=mlocati/php-extension-installer /usr/bin/install-php-extensions /usr/local/bin/\nRUN install-php-extensions intl && docker-php-ext-install gd\n',
    'FROM php:8.3-fpm\nCOPY setup.sh /tmp/\nRUN /tmp/setup.sh && docker-php-ext-install intl\n',
    // Before PHP 7.4, zip and mbstring bundled their libraries.
    'FROM php:7.3-apache\nRUN docker-php-ext-install zip mbstring pdo_mysql\n',
    'FROM php:7.1.9-fpm\nRUN docker-php-ext-install mbstring zip exif pcntl\n',
    // Extensions that link nothing beyond the image.
    'FROM php:8.3-fpm\nRUN docker-php-ext-install pdo pdo_mysql mysqli bcmath opcache pcntl sockets exif calendar\n',
    // Not the official image, or its version unknown.
    'FROM custom/php:8.3\nRUN docker-php-ext-install intl\n',
    'ARG PHP_VERSION\nFROM php:${PHP_VERSION}-fpm\nRUN docker-php-ext-install intl\n',
    'FROM php:8.3-fpm\nRUN docker-php-ext-install $EXTENSIONS\n',
  ]) assert.deepEqual(check(text), [], text);
});
