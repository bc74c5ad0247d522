// Reads values straight from the raw SR28 files, so the end-to-end tests
// compare what the app shows with the source, not with numbers typed here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/usda-sr28');

function records(file: string): string[][] {
  return fs
    .readFileSync(path.join(DATA, file), 'latin1')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/\r/g, '').split('^').map((f) => f.replace(/^~|~$/g, '')));
}

/** Nutrient value per 100 g as printed in NUT_DATA.txt, or undefined. */
export function nutrient(ndb: string, nutr: string): string | undefined {
  return records('NUT_DATA.txt').find((r) => r[0] === ndb && r[1] === nutr)?.[2];
}

export function description(ndb: string): string {
  return records('FOOD_DES.txt').find((r) => r[0] === ndb)![2];
}

export function measures(ndb: string): { amount: string; desc: string; grams: string }[] {
  return records('WEIGHT.txt')
    .filter((r) => r[0] === ndb)
    .map((r) => ({ amount: r[2], desc: r[3], grams: r[4] }));
}

/** The first food (in file order) that has no magnesium row. */
export function firstFoodWithoutMagnesium(): string {
  const withMg = new Set(records('NUT_DATA.txt').filter((r) => r[1] === '304').map((r) => r[0]));
  return records('FOOD_DES.txt').find((r) => !withMg.has(r[0]))![0];
}
