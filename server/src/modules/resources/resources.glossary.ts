import type { Locale } from '@spejl/shared';

/**
 * The glossary page of the printable kit: words caseworkers and the municipality's letters use, explained in plain
 * language. Kept general on purpose: no rates, no amounts and as few section numbers as the words themselves need,
 * because rules and rates change every year and each resource carries its own year and sources.
 */
export interface GlossaryEntry {
  /** The Danish word, as the municipality writes it. */
  term: string;
  /** What the word means in English, shown beside the Danish one in an English kit. */
  english: string;
  explanation: Record<Locale, string>;
}

export const kitGlossary: readonly GlossaryEntry[] = [
  {
    term: 'Afgørelse',
    english: 'decision',
    explanation: {
      da: 'Kommunens beslutning i din sag, fx om du får en ydelse eller støtte. Får du ikke fuldt ud det, du har søgt, skal en skriftlig afgørelse have en begrundelse og en klagevejledning.',
      en: 'The municipality’s decision in your case, for example whether you get a benefit or support. If you do not get all you applied for, a written decision must give its reasons and tell you how to complain.',
    },
  },
  {
    term: 'Aflastning',
    english: 'respite care',
    explanation: {
      da: 'Pasning af barnet eller den voksne i kortere perioder, fx en weekend om måneden, hos en aflastningsfamilie eller på et aflastningstilbud. Det giver familien et pusterum. Kommunen vurderer behovet.',
      en: 'Care for the child or adult for short periods, such as a weekend a month, with a respite family or at a respite centre. It gives the family a break. The municipality assesses the need.',
    },
  },
  {
    term: 'Aktindsigt',
    english: 'access to your files',
    explanation: {
      da: 'Din ret til at se de dokumenter og oplysninger, kommunen har i din sag. Du kan bede om aktindsigt skriftligt eller mundtligt.',
      en: 'Your right to see the documents and information the municipality holds in your case. You can ask for it in writing or in person.',
    },
  },
  {
    term: 'Ankestyrelsen',
    english: 'the National Social Appeals Board',
    explanation: {
      da: 'Den statslige myndighed, der behandler klager over kommunens afgørelser på det sociale område. Den kan give dig ret, ændre afgørelsen eller sende sagen tilbage til kommunen.',
      en: 'The national authority that handles complaints about the municipality’s decisions on social matters. It can agree with you, change the decision or send the case back to the municipality.',
    },
  },
  {
    term: 'Bevilling',
    english: 'grant',
    explanation: {
      da: 'Når kommunen siger ja til en ydelse eller støtte: hvad du får, hvor meget og hvor længe. En bevilling kan være tidsbegrænset og skal så søges igen eller følges op.',
      en: 'When the municipality says yes to a benefit or support: what you get, how much and for how long. A grant can be for a limited time and must then be applied for again or reviewed.',
    },
  },
  {
    term: 'Bisidder',
    english: 'companion at meetings',
    explanation: {
      da: 'En person, du selv vælger, som går med til møder med kommunen. Bisidderen kan lytte, tage noter og støtte dig. Du har ret til at have en bisidder med.',
      en: 'Someone you choose who comes with you to meetings with the municipality, to listen, take notes and support you. You have the right to bring one.',
    },
  },
  {
    term: 'BPA (borgerstyret personlig assistance)',
    english: 'user-controlled personal assistance',
    explanation: {
      da: 'En ordning, hvor en person med en betydelig og varigt nedsat funktionsevne selv er med til at ansætte og lede de hjælpere, der giver hjælpen i hverdagen. Kommunen vurderer, om betingelserne er opfyldt.',
      en: 'A scheme in which a person with a considerable and permanent disability takes part in hiring and leading the helpers who give them help in everyday life. The municipality assesses whether the conditions are met.',
    },
  },
  {
    term: 'Børnefaglig undersøgelse',
    english: 'assessment of a child’s needs',
    explanation: {
      da: 'En grundig undersøgelse af et barns eller en ungs forhold, fx udvikling, sundhed, skole, familie og fritid, når kommunen vurderer, at barnet kan have brug for særlig støtte. Barnet og forældrene skal inddrages. Den er grundlaget for, hvilken støtte der gives. Reglerne står i barnets lov.',
      en: 'A thorough look at a child’s or young person’s situation, such as development, health, school, family and leisure, when the municipality considers that the child may need special support. The child and parents must be involved. It is the basis for which support is given. The rules are in the Danish Children’s Act (barnets lov).',
    },
  },
  {
    term: 'Funktionsevne',
    english: 'functional ability',
    explanation: {
      da: 'Hvad en person kan i hverdagen, fx bevæge sig, kommunikere og klare sig selv. Mange regler gælder for den, der har en betydelig og varigt nedsat funktionsevne eller en indgribende kronisk eller langvarig lidelse.',
      en: 'What a person can do in everyday life, such as moving, communicating and taking care of themselves. Many rules apply to people with a considerable and permanently reduced functional ability or a serious chronic or long-term illness.',
    },
  },
  {
    term: 'Handicapkompensation',
    english: 'disability compensation',
    explanation: {
      da: 'Princippet om, at mennesker med handicap så vidt muligt skal have hjælp til at opveje følgerne af deres funktionsnedsættelse, så de får de samme muligheder som andre. Merudgifter, tabt arbejdsfortjeneste, hjælpemidler og BPA er eksempler.',
      en: 'The principle that people with disabilities should, as far as possible, be helped to make up for the effects of their disability, so that they have the same opportunities as others. Additional costs, lost earnings, aids and personal assistance are examples.',
    },
  },
  {
    term: 'Hjælpemidler',
    english: 'aids',
    explanation: {
      da: 'Redskaber, der afhjælper følgerne af en varigt nedsat funktionsevne, fx en kørestol eller særlige redskaber til hverdagen. Kommunen kan give støtte til dem.',
      en: 'Equipment that eases the effects of a permanent disability, such as a wheelchair or special equipment for everyday life. The municipality can give support for them.',
    },
  },
  {
    term: 'Klage',
    english: 'complaint',
    explanation: {
      da: 'Er du uenig i en afgørelse, kan du klage. Du sender klagen til kommunen, som ser på sagen igen. Bliver afgørelsen ikke ændret, sender kommunen klagen videre til Ankestyrelsen. Fristen står i klagevejledningen, ofte fire uger fra du fik afgørelsen.',
      en: 'If you disagree with a decision, you can complain. You send the complaint to the municipality, which looks at the case again. If the decision is not changed, the municipality passes the complaint on to the National Social Appeals Board. The deadline is in the guidance on how to complain, often four weeks from when you got the decision.',
    },
  },
  {
    term: 'Ledsageordning',
    english: 'escort scheme',
    explanation: {
      da: 'Hjælp fra en ledsager til aktiviteter uden for hjemmet, fx indkøb, besøg og fritid, for den, der ikke kan færdes alene på grund af en betydelig og varigt nedsat funktionsevne. Kommunen bevilger et antal timer om måneden.',
      en: 'Help from an escort for activities outside the home, such as shopping, visits and leisure, for someone who cannot get about alone because of a considerable and permanent disability. The municipality grants a number of hours a month.',
    },
  },
  {
    term: 'Merudgifter',
    english: 'additional costs',
    explanation: {
      da: 'Nødvendige ekstra udgifter, som følger af en varigt nedsat funktionsevne eller en indgribende kronisk eller langvarig lidelse, og som en familie uden den ikke ville have, fx medicin, særlig kost eller ekstra tøjvask. Kommunen kan dække dem.',
      en: 'Necessary extra expenses caused by a permanent disability or a serious chronic or long-term illness, which a family without it would not have, such as medicine, a special diet or extra laundry. The municipality can cover them.',
    },
  },
  {
    term: 'Partshøring',
    english: 'the right to comment before a decision',
    explanation: {
      da: 'Før kommunen træffer en afgørelse, som bygger på oplysninger, du ikke selv har givet, og som er til ugunst for dig, skal den som hovedregel vise dig oplysningerne. Du får en frist til at komme med dine bemærkninger.',
      en: 'Before the municipality makes a decision based on information you did not give yourself and that counts against you, it must as a rule show you that information. You get a deadline to comment on it.',
    },
  },
  {
    term: 'PPR (pædagogisk psykologisk rådgivning)',
    english: 'educational psychology service',
    explanation: {
      da: 'Kommunens rådgivning om børns udvikling, læring og trivsel i dagtilbud og skole. PPR laver blandt andet de vurderinger, der bruges, når der skal tages stilling til specialundervisning.',
      en: 'The municipality’s advice on children’s development, learning and well-being in day care and school. Among other things, it makes the assessments used to decide on special needs education.',
    },
  },
  {
    term: 'Sagsbehandler',
    english: 'caseworker',
    explanation: {
      da: 'Den medarbejder i kommunen, der har din sag: indhenter oplysninger, vurderer dem og træffer afgørelsen. Du kan spørge, hvem din sagsbehandler er, og hvordan du får fat i vedkommende.',
      en: 'The member of the municipality’s staff who handles your case: gathers the information, assesses it and makes the decision. You can ask who your caseworker is and how to reach them.',
    },
  },
  {
    term: 'Servicelovens § 41 og § 42 (nu barnets lov)',
    english: 'sections 41 and 42 of the Social Services Act (now the Children’s Act)',
    explanation: {
      da: 'De gamle numre for reglerne om merudgifter (§ 41) og tabt arbejdsfortjeneste (§ 42) for forældre til børn under 18 år med en betydelig og varigt nedsat funktionsevne eller en indgribende kronisk eller langvarig lidelse. Siden 1. januar 2024 står reglerne for børn i barnets lov, men mange, også i kommunen, bruger stadig de gamle numre. Tjek den gældende regel på borger.dk eller retsinformation.dk.',
      en: 'The old numbers of the rules on additional costs (section 41) and lost earnings (section 42) for parents of children under 18 with a considerable and permanent disability or a serious chronic or long-term illness. Since 1 January 2024 the rules for children are in the Children’s Act (barnets lov), but many people, in the municipality too, still use the old numbers. Check the current rule on borger.dk or retsinformation.dk.',
    },
  },
  {
    term: 'Tabt arbejdsfortjeneste',
    english: 'compensation for lost earnings',
    explanation: {
      da: 'Dækning af den indtægt, en forælder mister ved at passe sit barn med en betydelig og varigt nedsat funktionsevne eller en indgribende kronisk eller langvarig lidelse hjemme, når det er en nødvendig følge af barnets tilstand. Der er et loft over beløbet, som ændres hvert år.',
      en: 'Cover for the income a parent loses by caring at home for a child with a considerable and permanent disability or a serious chronic or long-term illness, when that is a necessary consequence of the child’s condition. The amount has a ceiling that changes every year.',
    },
  },
];

/** The glossary in the kit's language, in Danish alphabetical order (the terms are Danish in both). */
export function glossaryFor(locale: Locale): Array<{ term: string; explanation: string }> {
  const collator = new Intl.Collator('da');
  return [...kitGlossary]
    .sort((a, b) => collator.compare(a.term, b.term))
    .map((entry) => ({
      term: locale === 'en' ? `${entry.term} (${entry.english})` : entry.term,
      explanation: entry.explanation[locale],
    }));
}
