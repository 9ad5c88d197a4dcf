import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRuleCases, context, files, runRule } from '../helpers';
import { referencesWithoutVersion } from '../../../../server/src/core/dockerfile/validation/rules/dotnetRules';

const rule = 'dotnet-central-packages-missing';
const ROOT = 'file:///work/app';
const DOCKERFILE = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nCOPY ["src/Services/Api/Api.csproj", "Services/Api/"]\nRUN dotnet restore "Services/Api/Api.csproj"\nCOPY src/Services/Api/. Services/Api/\nRUN dotnet publish "Services/Api/Api.csproj" -c Release -o /app\n';
const PROPS = '<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageVersion Include="Serilog" Version="4.0.0" />\n  </ItemGroup>\n</Project>\n';
const PROJECT = '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Serilog" />\n  </ItemGroup>\n</Project>\n';
const repo = (more: Record<string, string> = {}) => context({ files: files({ [`${ROOT}/.git/HEAD`]: '', [`${ROOT}/src/Directory.Packages.props`]: PROPS, [`${ROOT}/src/Services/Api/Api.csproj`]: PROJECT, [`${ROOT}/src/Services/Api/Dockerfile`]: DOCKERFILE, ...more }) });
const URI = `${ROOT}/src/Services/Api/Dockerfile`;

test('dotnet-central-packages-missing rule', async (t) => {
  await checkRuleCases(t, [
    { rule: 'dotnet-central-packages-missing', bad: DOCKERFILE, good: DOCKERFILE.replace('COPY ["src/Services', 'COPY ["src/Directory.Packages.props", "./"]\nCOPY ["src/Services'), line: 3, ctx: repo, uri: URI },
  ], assert);
});

test('dotnet-central-packages-missing: restore without the central versions file stops at NU1015 (round 42: six services of one solution)', () => {
  const [found, ...rest] = runRule(rule, DOCKERFILE, repo(), URI);
  assert.deepEqual(rest, []);
  assert.equal(found!.message, 'src/Services/Api/Api.csproj manages its package versions in src/Directory.Packages.props, which nothing copies before this restore: the project\'s PackageReference items have no Version, so restore stops ("NU1015: ... do not have a version specified"). Copy src/Directory.Packages.props to the folder above the projects first.');
  // An implicit restore (dotnet publish without a restore before) too.
  assert.equal(runRule(rule, DOCKERFILE.replace(/RUN dotnet restore [^\n]*\n/, ''), repo(), URI).length, 1);
});

test('dotnet-central-packages-missing: not where the file comes along, versions are written, central management is off, or nothing restores', () => {
  for (const [text, more] of [
    [DOCKERFILE.replace('COPY ["src/Services', 'COPY . .\nCOPY ["src/Services'), {}],
    [DOCKERFILE.replace('COPY ["src/Services', 'COPY ["src/*.props", "./"]\nCOPY ["src/Services'), {}],
    [DOCKERFILE, { [`${ROOT}/src/Services/Api/Api.csproj`]: PROJECT.replace('Include="Serilog"', 'Include="Serilog" Version="4.0.0"') }],
    [DOCKERFILE, { [`${ROOT}/src/Directory.Packages.props`]: PROPS.replace('true', 'false') }],
    [DOCKERFILE.replace(/RUN dotnet [^\n]*\n/g, ''), {}],
    [DOCKERFILE.replace('dotnet restore "Services/Api/Api.csproj"', 'dotnet restore --no-restore x').replace(/RUN dotnet publish[^\n]*\n/, ''), {}],
  ] as [string, Record<string, string>][]) assert.deepEqual(runRule(rule, text, repo(more), URI), [], text);
});

test('referencesWithoutVersion reads the attribute and the element forms', () => {
  assert.equal(referencesWithoutVersion('<PackageReference Include="A" />'), true);
  assert.equal(referencesWithoutVersion('<PackageReference Include="A" Version="1" />'), false);
  assert.equal(referencesWithoutVersion('<PackageReference Include="A" VersionOverride="2" />'), false);
  assert.equal(referencesWithoutVersion('<PackageReference Include="A">\n  <Version>1.0</Version>\n</PackageReference>'), false);
  assert.equal(referencesWithoutVersion('<PackageReference Include="A">\n  <PrivateAssets>all</PrivateAssets>\n</PackageReference>'), true);
  assert.equal(referencesWithoutVersion('<ProjectReference Include="../B/B.csproj" />'), false);
});
