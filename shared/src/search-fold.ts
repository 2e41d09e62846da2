// How search folds spellings, in one place: the TypeScript functions and the SQL expressions below are built from the
// same tables, so the directory, chat search and a migration's generated column all fold a word the same way
// (search-fold.test.ts, and groups.search-fold.test.ts runs the SQL in both databases).

/** Letters spelled with two where a keyboard lacks the one: "æ" is typed "ae". Lower case; upper case is derived. */
const twoLetterSpellings: ReadonlyArray<readonly [string, string]> = [
  ['æ', 'ae'],
  ['ø', 'oe'],
  ['å', 'aa'],
  ['œ', 'oe'],
  ['ß', 'ss'],
];

/** Accented letters and the plain letter a search treats them as. */
const accentGroups: ReadonlyArray<readonly [string, string]> = [
  ['àáâãäāăą', 'a'],
  ['çćč', 'c'],
  ['ďđ', 'd'],
  ['èéêëēėęě', 'e'],
  ['ğ', 'g'],
  ['ìíîïīį', 'i'],
  ['ł', 'l'],
  ['ñńň', 'n'],
  ['òóôõöōő', 'o'],
  ['ř', 'r'],
  ['śšş', 's'],
  ['ť', 't'],
  ['ùúûüūůű', 'u'],
  ['ýÿ', 'y'],
  ['źżž', 'z'],
];

/** The two-letter spellings folded once more, so "haemofili", "hæmofili" and "hemofili" meet. */
const looseSpellings: ReadonlyArray<readonly [string, string]> = [
  ['ae', 'e'],
  ['oe', 'o'],
  ['aa', 'a'],
];

// Upper-case forms too, so the SQL folds right even where the database's lower() knows only ASCII (a "C" ctype).
const withUpperCase = (pairs: ReadonlyArray<readonly [string, string]>) =>
  pairs.flatMap(([from, to]) => {
    const upper = from.toUpperCase();
    return upper.length === from.length && upper !== from
      ? [[from, to] as const, [upper, to] as const]
      : [[from, to] as const];
  });

const replacements = withUpperCase(twoLetterSpellings);
const accentFrom = accentGroups.map(([letters]) => letters + letters.toUpperCase()).join('');
const accentTo = accentGroups.map(([letters, plain]) => plain.repeat(letters.length * 2)).join('');
const accentMap = new Map([...accentFrom].map((letter, index) => [letter, accentTo[index] as string]));

/** Lower case, æ/ø/å as ae/oe/aa, accents dropped: "Små børn på Århus" → "smaa boern paa aarhus". */
export function foldDanish(text: string): string {
  let folded = text.toLowerCase().normalize('NFC');
  for (const [from, to] of replacements) folded = folded.replaceAll(from, to);
  return [...folded].map((letter) => accentMap.get(letter) ?? letter).join('');
}

/** `foldDanish`, then ae/oe/aa as e/o/a: "Hæmofili", "haemofili" and "hemofili" all become "hemofili". */
export function looseDanish(text: string): string {
  let folded = foldDanish(text);
  for (const [from, to] of looseSpellings) folded = folded.replaceAll(from, to);
  return folded;
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** `foldDanish` as SQL around the raw expression `inner`; immutable functions only, so fit for a generated column. */
export function foldDanishSql(inner: string): string {
  let expression = `normalize(lower(${inner}), NFC)`;
  for (const [from, to] of replacements)
    expression = `replace(${expression}, ${literal(from)}, ${literal(to)})`;
  return `translate(${expression}, ${literal(accentFrom)}, ${literal(accentTo)})`;
}

/** `looseDanish` as an SQL expression around `inner`. */
export function looseDanishSql(inner: string): string {
  let expression = foldDanishSql(inner);
  for (const [from, to] of looseSpellings)
    expression = `replace(${expression}, ${literal(from)}, ${literal(to)})`;
  return expression;
}
