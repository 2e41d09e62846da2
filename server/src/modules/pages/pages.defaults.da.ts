import type { DefaultTextContext, DefaultTexts } from './pages.defaults.ts';

// The built-in Danish texts. An association adapts them in the web (Administration → Sider); until then these are
// version 1. Anything in [square brackets] is for the association to fill in.

const months = (count: number) => (count === 1 ? '1 måned' : `${count} måneder`);
const days = (count: number) => (count === 1 ? '1 dag' : `${count} dage`);
const years = (count: number) => (count === 1 ? '1 år' : `${count} år`);

function controller(context: DefaultTextContext) {
  return {
    name: context.controller.name ?? '[Foreningens navn]',
    email: context.controller.email ?? '[foreningens e-mailadresse]',
    address: context.controller.address ?? '[Foreningens adresse]',
  };
}

function retentionLines(context: DefaultTextContext): string[] {
  const rules = context.retention;
  return [
    rules.message_months === null
      ? '- **Beskeder** i en gruppe bliver gemt, så længe gruppen findes. En gruppes ejer kan vælge, at beskeder bliver slettet efter en bestemt tid.'
      : `- **Beskeder** bliver slettet, når de er ${months(rules.message_months)} gamle. En gruppes ejer kan vælge en anden tid for sin gruppe.`,
    rules.declined_request_days === null
      ? '- **En anmodning om at blive medlem**, som ikke blev godkendt, bliver gemt, indtil du sletter din konto.'
      : `- **En anmodning om at blive medlem**, som ikke blev godkendt, bliver slettet efter ${days(rules.declined_request_days)}.`,
    rules.inactive_account_years === null
      ? '- **Din konto** bliver ikke slettet af sig selv, selv om du ikke bruger den. Du kan altid slette den selv.'
      : `- **Din konto**: Har du ikke været logget ind i ${years(rules.inactive_account_years)}, får du en mail. Logger du ikke ind inden for ${days(context.inactivityGraceDays)} efter den, bliver kontoen slettet.`,
    rules.outbox_days === null
      ? '- **Kopier af de mails**, Spejl sender dig, bliver gemt, indtil du sletter din konto.'
      : `- **Kopier af de mails**, Spejl sender dig, bliver slettet efter ${days(rules.outbox_days)}.`,
  ];
}

export const defaultTextsDa: DefaultTexts = {
  terms: (context) => {
    const owner = controller(context);
    return {
      title: 'Vilkår for at bruge Spejl',
      body: `Spejl er et sted, hvor familier og voksne med en sjælden diagnose kan mødes, dele erfaringer og hjælpe hinanden. Spejl drives af ${owner.name}. Her kan du læse, hvad du siger ja til, når du opretter en konto.

> Det vigtigste: Spejl er ikke en skadestue og ikke en læge. Er nogen i fare, så ring 112.

## Hvad Spejl er

Spejl samler grupper for diagnoser, arrangementer og webinarer, og en mentorordning, hvor en frivillig mentor kan tale med en ny familie. Alt, hvad der bliver skrevet i en gruppe, kan kun gruppens medlemmer læse.

Nogle grupper står i oversigten, så du kan finde dem og bede om at blive medlem. Andre grupper er skjulte: Dem kan du kun komme ind i med en invitation.

## Frivillige, ikke fagfolk

Moderatorer, koordinatorer og mentorer er frivillige. De er ikke læger, psykologer eller sagsbehandlere, og de er ikke altid online. Det, du læser i Spejl, er andres erfaringer. Det kan ikke erstatte en samtale med din læge eller kommune.

Spejl er ikke en akut tjeneste. Er nogen i fare, så ring 112. Har du brug for at tale med nogen, kan du finde hjælpelinjer på siden [Har du det svært?](/support).

## Husregler

- Vær venlig, også når du er uenig med andre.
- Det, der bliver skrevet i en gruppe, bliver i gruppen. Del ikke andres beskeder, billeder eller historier uden for Spejl.
- Skriv ikke navne, adresser eller andet om andre, som de ikke selv har delt.
- Del erfaringer, men giv ikke andre besked om at starte eller stoppe en behandling.
- Ingen reklame, salg eller indsamling af penge uden aftale med foreningen.
- Brug et navn, andre kan kende dig på i gruppen. Det behøver ikke være dit rigtige navn.

## Moderation

Frivillige moderatorer holder øje med grupperne. Du kan anmelde en besked, som du synes bryder husreglerne. En moderator kan så skjule beskeden, give en advarsel, give en pause fra at skrive eller udelukke nogen fra en gruppe.

Bliver noget, du har skrevet, skjult, eller får du en pause, får du at vide hvorfor. Du kan klage over beslutningen én gang inden for 20 dage. En anden moderator eller en administrator ser så på sagen igen.

Alle beslutninger bliver skrevet i en log, så de kan efterprøves.

## Din konto

- Du skal have din egen konto. Del ikke din adgangskode med andre.
- Moderatorer, koordinatorer og administratorer skal bruge totrinsbekræftelse.
- Du kan når som helst hente dine oplysninger og slette din konto under [Min konto](/account).

## Når Spejl eller du stopper

Du kan slette din konto, når du vil. Bryder nogen husreglerne groft eller mange gange, kan foreningen lukke kontoen.

Hvis ${owner.name} holder op med at drive Spejl, får du besked i god tid, så du kan hente dine oplysninger først.

## Nye vilkår

Ændrer vi vilkårene eller privatlivspolitikken på en måde, der betyder noget for dig, bliver du spurgt igen, næste gang du kommer ind. Du kan se, hvad der er ændret, før du svarer.

## Kontakt

${owner.name}, ${owner.address}. Skriv til ${owner.email}.

Se også [privatlivspolitikken](/privacy) og [hjælpen](/help).`,
    };
  },

  privacy: (context) => {
    const owner = controller(context);
    return {
      title: 'Privatlivspolitik',
      body: `Her kan du læse, hvilke oplysninger Spejl gemmer om dig, hvorfor, hvor længe, og hvilke rettigheder du har.

> Teksten i [skarpe parenteser] skal foreningen udfylde, før Spejl tages i brug.

## Hvem er ansvarlig

Den dataansvarlige er ${owner.name}, ${owner.address}. Du kan skrive til os på ${owner.email}, hvis du har spørgsmål om dine oplysninger.

## Hvilke oplysninger vi gemmer

- **Din konto**: din e-mailadresse, det navn, du viser andre, din adgangskode (kun som en krypteret værdi, som ingen kan læse), dit sprog, hvornår du sidst var logget ind, og på hvilke enheder du er logget ind.
- **Dine grupper**: hvilke grupper du er medlem af, og hvilke du har bedt om at blive medlem af. Fordi grupperne handler om diagnoser, kan det vise noget om dit eller din families helbred. Det er helbredsoplysninger, og dem beskytter loven særligt.
- **Dine beskeder**: det, du skriver i grupper og samtaler, rettelser, reaktioner og filer, du deler.
- **Mentorordningen**: hvis du beder om en mentor eller selv er mentor, det, du skriver om jeres situation og ønsker, og hvem du er sat sammen med.
- **Arrangementer**: hvilke arrangementer du har tilmeldt dig, og om du deltog.
- **Anmeldelser og moderation**: beskeder, du har anmeldt, og beslutninger om det, du har skrevet.
- **Hvem der har set dine oplysninger**: Når en moderator, koordinator eller administrator åbner oplysninger om dig, bliver det skrevet ned. Du kan selv se listen under [Min konto](/account).

Spejl optager ikke video eller lyd fra onlinerum og samtaler.

## Hvorfor, og med hvilken ret

- Vi bruger oplysningerne om din konto, dine beskeder og dine arrangementer for at kunne give dig det, du har bedt om: en konto i Spejl (databeskyttelsesforordningen, artikel 6, stk. 1, litra b).
- Oplysninger, der viser noget om helbred, bruger vi kun, fordi du udtrykkeligt har sagt ja til det (artikel 9, stk. 2, litra a, og artikel 6, stk. 1, litra a). Du siger ja hver for sig til grupperne og til mentorordningen.
- Loggen over moderation og over, hvem der har set dine oplysninger, gemmer vi for at beskytte medlemmerne og kunne efterprøve beslutninger (artikel 6, stk. 1, litra f).

Du kan trække dit samtykke tilbage under [Min konto](/account). Trækker du samtykket til grupperne tilbage, forlader du dine diagnosegrupper. Trækker du samtykket til mentorordningen tilbage, slutter dine mentorforløb. Det, vi gjorde, før du trak samtykket tilbage, er stadig lovligt.

## Hvor længe vi gemmer oplysningerne

${retentionLines(context).join('\n')}
- **Når du sletter din konto**, bliver dine oplysninger slettet med det samme. Du vælger selv, om dine beskeder skal slettes, eller blive stående uden dit navn, så samtalerne stadig giver mening for de andre.
- **Loggen over moderation** bliver gemt, men uden dit navn, når din konto er slettet.

## Hvem der ellers får oplysningerne

Vi sælger aldrig dine oplysninger, og vi viser ingen reklamer. Spejl bruger ingen sporing, ingen analyseværktøjer og ingen cookies ud over dem, der holder dig logget ind og husker dit sprog.

Vi bruger disse databehandlere, som kun må bruge oplysningerne efter vores anvisning:

- [Hostingfirma, og i hvilket land serveren står], som driver serveren, hvor oplysningerne ligger.
- [Mailudbyder], som sender Spejls mails til dig.

## Dine rettigheder

- **Se og hente dine oplysninger**: Under [Min konto](/account) kan du hente alt om dig som en fil i et standardformat.
- **Rette**: Du kan selv rette dit navn og din e-mailadresse. Skriv til os, hvis noget andet er forkert.
- **Slette**: Du kan slette din konto under [Min konto](/account).
- **Trække samtykke tilbage**: under [Min konto](/account), lige så nemt som du gav det.
- **Klage**: Du kan klage til Datatilsynet, [datatilsynet.dk](https://www.datatilsynet.dk). Skriv gerne til os først, så vi kan prøve at løse det.

## Ændringer

Ændrer vi denne politik på en måde, der betyder noget for dig, bliver du spurgt igen, næste gang du kommer ind.`,
    };
  },

  help: () => ({
    title: 'Hjælp',
    body: `Her kan du læse, hvordan Spejl virker. Finder du ikke svaret, kan du skrive til en moderator i din gruppe.

> Er nogen i fare, så ring 112. Spejl er ikke en akut tjeneste.

## Kom i gang

1. Opret en konto med din e-mailadresse og et navn, andre kan kende dig på. Det behøver ikke være dit rigtige navn.
2. Klik på linket i den mail, du får.
3. Find din gruppe under [Grupper](/groups). Du kan søge på diagnosen eller et andet ord for den.

## Grupper

En gruppe er for familier og voksne med den samme diagnose, eller for fx søskende eller bedsteforældre. Det, der bliver skrevet i en gruppe, kan kun gruppens medlemmer læse.

- **Grupper i oversigten**: Åbn gruppen, tryk på »Bliv medlem«, og send en anmodning. En moderator ser på din anmodning, og du får besked, når den er godkendt.
- **Skjulte grupper**: Dem kan du kun komme ind i med en invitation fra gruppen.

Før du bliver medlem af din første gruppe, spørger vi, om du siger ja til, at vi gemmer, hvilke grupper du er med i. Det viser noget om helbred, og derfor spørger vi særskilt.

## Skriv i en gruppe

- Skriv din besked nederst og tryk Enter, eller tryk på »Send«.
- Svar på en bestemt besked i en tråd, så samtalen er nem at følge.
- Du kan rette og slette dine egne beskeder.
- Du kan skrive **fed** med to stjerner og lave lister med en bindestreg.

## Mentorordningen

En mentor er en frivillig, som selv har prøvet at stå i en lignende situation. Under [Mentorordning](/mentoring) kan du bede om en mentor og skrive lidt om, hvad du gerne vil tale om. En koordinator sætter dig sammen med en mentor, der passer. Så kan du og din mentor skrive sammen og tale i et videoopkald.

Du kan også melde dig som mentor.

## Arrangementer og webinarer

Under [Arrangementer](/events) finder du møder og webinarer. Tilmeld dig, og tryk på »Læg i min kalender«, hvis du vil have det i din egen kalender. Et webinar foregår i onlinerummet i Spejl. Du behøver ikke vise dig på video.

## Anmeld en besked

Synes du, at en besked bryder husreglerne, eller er du bekymret for den, der skrev den, så tryk på »Anmeld« ved beskeden og vælg hvorfor.

- Den, der skrev beskeden, får ikke at vide, at det var dig.
- En moderator ser på anmeldelsen. Moderatorer er frivillige, så der kan gå lidt tid.
- Du kan følge din anmeldelse under [Mine anmeldelser](/reports).
- Er nogen i fare, så ring 112. Vent ikke på en moderator.

Har en moderator skjult noget, du skrev, får du at vide hvorfor. Du kan klage over beslutningen én gang inden for 20 dage.

## Hvis det er svært lige nu

Spejl er ikke en akut tjeneste. Er nogen i fare, så ring 112. På siden [Har du det svært?](/support) finder du hjælpelinjer, hvor du kan tale med nogen.

## Dine oplysninger

Under [Min konto](/account) kan du:

- hente alt, Spejl har om dig, som en fil i et standardformat
- se, hvem der har set dine oplysninger
- trække dit samtykke tilbage
- slette din konto.

Læs mere i [privatlivspolitikken](/privacy).

## Totrinsbekræftelse

Er du moderator, koordinator eller administrator, skal du bruge totrinsbekræftelse. Du skal bruge en kodeapp, fx Google eller Microsoft Authenticator (ikke MitID). Du slår det til under [Min konto](/account).`,
  }),
};
