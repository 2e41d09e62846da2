/** Danish texts for the signed-out front page, the public directory and events, and the guided start after sign-up. */
export const welcomeDa = {
  'welcome.front.lead':
    'Her møder du andre, der lever med den samme sjældne diagnose. Du kan skrive med dem i en lukket gruppe, komme til arrangementer og få en frivillig mentor, der selv har stået, hvor du står nu.',
  'welcome.front.private':
    'Grupperne er lukkede: Kun medlemmer kan læse, hvad der bliver skrevet, og du vælger selv, hvilket navn de andre ser. Et kaldenavn er fint.',
  'welcome.front.searchTitle': 'Find en gruppe for diagnosen',
  'welcome.front.groupsTitle': 'Grupper på Spejl',
  'welcome.front.groupsEmpty': 'Der er ingen grupper endnu.',
  'welcome.front.eventsTitle': 'Kommende arrangementer for alle',
  'welcome.front.eventsEmpty': 'Der er ingen arrangementer for alle lige nu.',
  'welcome.front.eventsSignUp': 'Opret en konto, eller log ind, for at tilmelde dig.',
  'welcome.front.joinTitle': 'Sådan bliver du medlem',
  'welcome.front.joinStep1': 'Opret en konto med din e-mailadresse og det navn, du vil vises med.',
  'welcome.front.joinStep2': 'Bekræft din e-mailadresse med linket i den mail, du får.',
  'welcome.front.joinStep3': 'Bed om at blive medlem af en gruppe. En moderator svarer dig.',
  'welcome.front.haveAccount': 'Har du allerede en konto?',

  'welcome.groups.visitor':
    'Du kan se grupperne uden at logge ind. For at blive medlem skal du have en konto.',
  'welcome.group.signUp': 'Opret konto for at blive medlem',
  'welcome.group.signUpIntro':
    'Gruppen er lukket. Opret en konto, og bekræft din e-mailadresse. Så kommer du tilbage hertil og kan bede om at blive medlem.',
  'welcome.group.haveAccount': 'Har du allerede en konto?',

  'welcome.pending.title': 'Dine anmodninger',
  'welcome.pending.item': 'Din anmodning om at blive medlem af {group} venter på en moderator.',
  'welcome.pending.help':
    'Moderatorerne er frivillige, så der kan gå lidt tid. Du får besked, når der er svar.',

  'welcome.card.title': 'Kom godt i gang',
  'welcome.card.text':
    'Et par korte trin viser dig rundt på Spejl. Du kan springe dem over og finde det hele i menuen.',
  'welcome.card.start': 'Vis mig rundt',
  'welcome.card.resume': 'Fortsæt, hvor du slap',
  'welcome.card.skip': 'Spring over',
  'welcome.skipped': 'Du har sprunget »Kom godt i gang« over. Du finder det hele i menuen.',

  'welcome.title': 'Kom godt i gang',
  'welcome.progress': 'Trin {step} af {total}',
  'welcome.next': 'Næste',
  'welcome.back': 'Tilbage',
  'welcome.finish': 'Færdig',
  'welcome.skipAll': 'Spring resten over',
  'welcome.done': 'Sådan. Du er klar, og du finder det hele i menuen.',
  'welcome.step.group.title': 'Find din gruppe',
  'welcome.step.group.text':
    'Søg på diagnosen, et andet navn for den eller en ICD-10-kode. Grupperne er lukkede, så du beder om at blive medlem, og en moderator svarer dig.',
  'welcome.step.consent.title': 'Dine helbredsoplysninger',
  'welcome.step.consent.text':
    'At du er med i en diagnosegruppe, siger noget om helbredet hos dig eller din familie. Derfor skal du give dit samtykke, før du kan blive medlem af en gruppe. Du kan trække det tilbage når som helst. Så forlader du grupperne, men dine beskeder bliver stående.',
  'welcome.step.consent.link': 'Se dine samtykker',
  'welcome.step.name.title': 'Det navn, de andre ser',
  'welcome.step.name.text':
    'Du kan vise et andet navn i hver gruppe end det på din konto, fx kun dit fornavn eller et kaldenavn. Det vælger du under »Min profil i gruppen« på gruppens side, når du er blevet medlem.',
  'welcome.step.name.link': 'Ret navnet på din konto',
  'welcome.step.notifications.title': 'Hvordan vil du have besked?',
  'welcome.step.notifications.text':
    'Du får besked på Spejl, når der sker noget, der angår dig. Vælg, hvad du også vil have besked om på mail.',
  'welcome.step.notifications.link': 'Vælg, hvad du får besked om',
  'welcome.step.mentoring.title': 'En frivillig mentor',
  'welcome.step.mentoring.text':
    'En mentor er en frivillig, der selv kender livet med en sjælden diagnose, som forælder eller som voksen med diagnosen. En koordinator sætter dig sammen med en mentor, der passer til dig.',
  'welcome.step.mentoring.link': 'Læs om mentorordningen',
};
