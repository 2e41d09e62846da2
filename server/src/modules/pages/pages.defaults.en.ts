import type { DefaultTextContext, DefaultTexts } from './pages.defaults.ts';

// The built-in English texts, saying what the Danish ones say. Anything in [square brackets] is for the association
// to fill in.

const plural = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;

function controller(context: DefaultTextContext) {
  return {
    name: context.controller.name ?? '[Name of the association]',
    email: context.controller.email ?? '[the association’s email address]',
    address: context.controller.address ?? '[Address of the association]',
  };
}

function retentionLines(context: DefaultTextContext): string[] {
  const rules = context.retention;
  return [
    rules.message_months === null
      ? '- **Messages** in a group are kept for as long as the group exists. A group’s owner can choose to have messages deleted after a set time.'
      : `- **Messages** are deleted when they are ${plural(rules.message_months, 'month', 'months')} old. A group’s owner can choose another time for their group.`,
    rules.declined_request_days === null
      ? '- **A request to join a group** that was not approved is kept until you delete your account.'
      : `- **A request to join a group** that was not approved is deleted after ${plural(rules.declined_request_days, 'day', 'days')}.`,
    rules.inactive_account_years === null
      ? '- **Your account** is never deleted on its own, even if you stop using it. You can always delete it yourself.'
      : `- **Your account**: If you have not signed in for ${plural(rules.inactive_account_years, 'year', 'years')}, you get an email. If you do not sign in within ${plural(context.inactivityGraceDays, 'day', 'days')} after it, the account is deleted.`,
    rules.outbox_days === null
      ? '- **Copies of the emails** Spejl sends you are kept until you delete your account.'
      : `- **Copies of the emails** Spejl sends you are deleted after ${plural(rules.outbox_days, 'day', 'days')}.`,
  ];
}

export const defaultTextsEn: DefaultTexts = {
  terms: (context) => {
    const owner = controller(context);
    return {
      title: 'Terms of use',
      body: `Spejl is a place where families and adults with a rare diagnosis can meet, share experience and help each other. Spejl is run by ${owner.name}. Here you can read what you agree to when you create an account.

> Most important: Spejl is not an emergency service and not a doctor. If someone is in danger, call 112.

## What Spejl is

Spejl brings together groups for diagnoses, events and webinars, and a mentoring scheme where a volunteer mentor can talk with a new family. Only a group’s members can read what is written in it.

Some groups are listed, so you can find them and ask to join. Others are hidden: you can only join them with an invitation.

## Volunteers, not professionals

Moderators, coordinators and mentors are volunteers. They are not doctors, psychologists or caseworkers, and they are not always online. What you read in Spejl is other people’s experience. It cannot replace a talk with your doctor or your municipality.

Spejl is not an emergency service. If someone is in danger, call 112. If you need someone to talk to, you can find helplines on the page [Having a hard time?](/support).

## House rules

- Be kind, also when you disagree.
- What is written in a group stays in the group. Do not share other people’s messages, pictures or stories outside Spejl.
- Do not write names, addresses or other things about others that they have not shared themselves.
- Share experience, but do not tell others to start or stop a treatment.
- No advertising, selling or fundraising without the association’s agreement.
- Use a name others in the group can know you by. It does not have to be your real name.

## Moderation

Volunteer moderators look after the groups. You can report a message that you think breaks the house rules. A moderator can then hide the message, give a warning, pause someone from writing or exclude someone from a group.

If something you wrote is hidden, or you are paused, you are told why. You can appeal the decision once within 20 days. Another moderator or an administrator then looks at it again.

Every decision is written in a log, so it can be checked.

## Your account

- You must have your own account. Do not share your password.
- Moderators, coordinators and administrators must use two-step verification.
- You can download your information and delete your account at any time under [My account](/account).

## When Spejl or you stop

You can delete your account whenever you like. If someone breaks the house rules badly or many times, the association can close their account.

If ${owner.name} stops running Spejl, you are told in good time, so you can download your information first.

## New terms

If we change the terms or the privacy policy in a way that matters to you, you are asked again the next time you come in. You can see what changed before you answer.

## Contact

${owner.name}, ${owner.address}. Write to ${owner.email}.

See also the [privacy policy](/privacy) and the [help](/help).`,
    };
  },

  privacy: (context) => {
    const owner = controller(context);
    return {
      title: 'Privacy policy',
      body: `Here you can read what information Spejl keeps about you, why, for how long, and what rights you have.

> The text in [square brackets] must be filled in by the association before Spejl is used.

## Who is responsible

The data controller is ${owner.name}, ${owner.address}. You can write to us at ${owner.email} if you have questions about your information.

## What information we keep

- **Your account**: your email address, the name you show others, your password (only as an encrypted value nobody can read), your language, when you last signed in, and which devices you are signed in on.
- **Your groups**: which groups you are a member of, and which you have asked to join. Because the groups are about diagnoses, this can reveal something about your or your family’s health. That is health information, which the law protects specially.
- **Your messages**: what you write in groups and conversations, edits, reactions and files you share.
- **Mentoring**: if you ask for a mentor or are a mentor yourself, what you write about your situation and wishes, and who you are paired with.
- **Events**: which events you registered for, and whether you took part.
- **Reports and moderation**: messages you reported, and decisions about what you wrote.
- **Who has seen your information**: When a moderator, coordinator or administrator opens information about you, it is written down. You can see the list yourself under [My account](/account).

Spejl does not record video or sound from online rooms and calls.

## Why, and on what legal basis

- We use the information about your account, your messages and your events to give you what you asked for: an account in Spejl (General Data Protection Regulation, Article 6(1)(b)).
- Information that reveals something about health is used only because you explicitly agreed to it (Article 9(2)(a) and Article 6(1)(a)). You agree separately to the groups and to mentoring.
- The log of moderation and of who has seen your information is kept to protect the members and to be able to check decisions (Article 6(1)(f)).

You can withdraw your consent under [My account](/account). If you withdraw the consent for groups, you leave your diagnosis groups. If you withdraw the consent for mentoring, your mentorships end. What we did before you withdrew your consent is still lawful.

## How long we keep information

${retentionLines(context).join('\n')}
- **When you delete your account**, your information is deleted at once. You choose whether your messages are deleted or stay without your name, so the conversations still make sense to the others.
- **The log of moderation** is kept, but without your name, once your account is deleted.

## Who else gets the information

We never sell your information, and we show no advertising. Spejl uses no tracking, no analytics and no cookies other than those that keep you signed in and remember your language.

We use these data processors, who may only use the information as we instruct:

- [Hosting company, and the country the server is in], which runs the server where the information is stored.
- [Mail provider], which sends Spejl’s emails to you.

## Your rights

- **See and download your information**: Under [My account](/account) you can download everything about you as a file in a standard format.
- **Correct it**: You can change your name and email address yourself. Write to us if anything else is wrong.
- **Erase it**: You can delete your account under [My account](/account).
- **Withdraw consent**: under [My account](/account), as easily as you gave it.
- **Complain**: You can complain to the Danish Data Protection Agency (Datatilsynet), [datatilsynet.dk](https://www.datatilsynet.dk). Please write to us first, so we can try to put it right.

## Changes

If we change this policy in a way that matters to you, you are asked again the next time you come in.`,
    };
  },

  help: () => ({
    title: 'Help',
    body: `Here you can read how Spejl works. If you cannot find the answer, write to a moderator in your group.

> If someone is in danger, call 112. Spejl is not an emergency service.

## Getting started

1. Create an account with your email address and a name others can know you by. It does not have to be your real name.
2. Click the link in the email you get.
3. Find your group under [Groups](/groups). You can search for the diagnosis or another word for it.

## Groups

A group is for families and adults with the same diagnosis, or for example for siblings or grandparents. Only a group’s members can read what is written in it.

- **Listed groups**: Open the group, press »Join«, and send a request. A moderator looks at your request, and you are told when it is approved.
- **Hidden groups**: You can only join them with an invitation from the group.

Before you join your first group, we ask whether you agree that we keep which groups you are in. It reveals something about health, so we ask separately.

## Writing in a group

- Write your message at the bottom and press Enter, or press »Send«.
- Reply to a particular message in a thread, so the conversation is easy to follow.
- You can edit and delete your own messages.
- You can write **bold** with two asterisks and make lists with a hyphen.

## Mentoring

A mentor is a volunteer who has been in a similar situation. Under [Mentoring](/mentoring) you can ask for a mentor and write a little about what you would like to talk about. A coordinator pairs you with a mentor who fits. You can write to each other and talk in a video call.

You can also sign up as a mentor.

## Events and webinars

Under [Events](/events) you find meetings and webinars. Register, and press »Add to my calendar« if you want it in your own calendar. A webinar takes place in Spejl’s online room. You do not have to show yourself on video.

## Report a message

If you think a message breaks the house rules, or you are worried about the person who wrote it, press »Report« by the message and choose why.

- The person who wrote the message is not told that it was you.
- A moderator looks at the report. Moderators are volunteers, so it can take a while.
- You can follow your report under [My reports](/reports).
- If someone is in danger, call 112. Do not wait for a moderator.

If a moderator has hidden something you wrote, you are told why. You can appeal the decision once within 20 days.

## If things are hard right now

Spejl is not an emergency service. If someone is in danger, call 112. On the page [Having a hard time?](/support) you find helplines where you can talk to someone.

## Your information

Under [My account](/account) you can:

- download everything Spejl has about you as a file in a standard format
- see who has seen your information
- withdraw your consent
- delete your account.

Read more in the [privacy policy](/privacy).

## Two-step verification

If you are a moderator, coordinator or administrator, you must use two-step verification. You need an authenticator app, for example Google or Microsoft Authenticator. You turn it on under [My account](/account).`,
  }),
};
