// The README exists in English (README.md) and Russian (README.ru.md): each links the other at the
// top, both start with the same two setup commands, and the Russian one keeps the English one's
// sections (the same ## and ### headings in the same order) and links only to headings it has.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = (name: string): string => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
const english = readme('README.md');
const russian = readme('README.ru.md');

const SETUP_COMMANDS = ['npm install && npm run demo', 'npm test'];

/** The lines of the first fenced code block. */
function firstCodeBlock(text: string): string[] {
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(text);
  return match?.[1] !== undefined ? match[1].trimEnd().split('\n') : [];
}

/** The text before the first "## " section. */
function top(text: string): string {
  const section = text.indexOf('\n## ');
  return section === -1 ? text : text.slice(0, section);
}

function headingLevels(text: string): string[] {
  const outsideCode = text.replace(/```[\s\S]*?```/g, '');
  return outsideCode.split('\n').filter((line) => /^#{2,3} /.test(line)).map((line) => line.split(' ')[0] ?? '');
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
function anchorOf(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s/g, '-');
}

function brokenAnchors(text: string): string[] {
  const outsideCode = text.replace(/```[\s\S]*?```/g, '');
  const anchors = new Set(outsideCode.split('\n').filter((line) => /^#+ /.test(line)).map((line) => anchorOf(line.replace(/^#+ /, ''))));
  return [...outsideCode.matchAll(/\]\(#([^)]+)\)/g)].map((link) => link[1] ?? '').filter((anchor) => !anchors.has(anchor));
}

describe('README in English and Russian', () => {
  it('both start with the two setup commands, unchanged', () => {
    expect(firstCodeBlock(english)).toEqual(SETUP_COMMANDS);
    expect(firstCodeBlock(russian)).toEqual(SETUP_COMMANDS);
  });

  it('each links the other before its first section', () => {
    expect(top(english)).toContain('](README.ru.md)');
    expect(top(russian)).toContain('](README.md)');
  });

  it('the Russian README has the English one\'s sections', () => {
    expect(headingLevels(russian)).toEqual(headingLevels(english));
    expect(headingLevels(english).length).toBeGreaterThan(10);
  });

  it('every link to a section names a heading that exists', () => {
    expect(brokenAnchors(english)).toEqual([]);
    expect(brokenAnchors(russian)).toEqual([]);
  });
});
