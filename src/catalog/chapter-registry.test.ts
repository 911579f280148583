import { describe, expect, test } from 'vitest';
import { CHAPTER_IDS, CHAPTERS, chapterHeading, chapterOfProblem } from './chapter-registry';
import { PROBLEM_IDS } from './problems';
import readme from '../../README.md?raw';

describe('the chapter registry', () => {
  test('ids are unique and numbers run 1, 2, 3, ...', () => {
    expect(new Set(CHAPTER_IDS).size).toBe(CHAPTERS.length);
    expect(CHAPTERS.map((c) => c.number)).toEqual(CHAPTERS.map((_, i) => i + 1));
  });

  test('every problem has its chapter', () => {
    expect(PROBLEM_IDS.map(chapterOfProblem)).toEqual(PROBLEM_IDS.map((p) => CHAPTERS.find((c) => 'problem' in c.lab && c.lab.problem === p)?.id));
  });

  test("the README's chapter list is the registry's, in order", () => {
    const listed = [...readme.matchAll(/^(\d+)\. ([^:\n]+):/gm)].map((m) => `${m[1]}. ${m[2]}`);
    expect(listed).toEqual(CHAPTER_IDS.map(chapterHeading));
  });
});
