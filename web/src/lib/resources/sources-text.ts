import type { ResourceSource } from '@spejl/shared/resources-values';

/** The sources as the form's text: one per line, the title, then the address after a space when there is one. */
export function sourcesToText(sources: readonly ResourceSource[]): string {
  return sources.map((source) => (source.url ? `${source.title} ${source.url}` : source.title)).join('\n');
}

/** Reads the form's text back: a line's last word is its address when it starts with http; empty lines are skipped. */
export function sourcesFromText(text: string): ResourceSource[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^(.*?)\s+(https?:\/\/\S+)$/.exec(line);
      if (match?.[1]) return { title: match[1].trim(), url: match[2] as string };
      if (/^https?:\/\/\S+$/.test(line)) return { title: line, url: line };
      return { title: line };
    });
}
