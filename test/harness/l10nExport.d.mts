// Types for l10nExport.mjs, for TypeScript tests.
export type BundleEntry = string | { message: string; comment: string[] };
export type Bundle = Record<string, BundleEntry>;
export const REPO: string;
export const BUNDLES: Record<'client' | 'server', { sources: string; english: string; chinese: string; data?: string[] }>;
export const MANIFEST: { english: string; chinese: string; source: string };
export function extract(side: 'client' | 'server', repo?: string): { bundle: Bundle; calls: number; files: number; data: number };
export function serialize(bundle: Bundle): string;
export function placeholders(text: string): string[];
export function messageText(entry: unknown): string | undefined;
export function readJson(file: string, repo?: string): any;
export function missingTranslations(repo?: string): Record<'client' | 'server' | 'manifest', string[]>;
export function changedManifestKeys(repo?: string): string[];
export function acceptManifest(repo?: string): void;
