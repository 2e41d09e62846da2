import { describe, expect, it } from 'vitest';
import { resourceIdOf, resourceLinksIn } from './resource-links.ts';

const origin = 'https://spejl.example';
const id = '5b0c3a8e-6f1d-4d2a-9c47-0a1b2c3d4e5f';
const other = '9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4';

describe('resource links in a message', () => {
  it('finds an absolute link on our own origin, as "copy link" writes it', () => {
    expect(resourceLinksIn(`Se ${origin}/knowledge/${id}`, origin)).toEqual([id]);
    expect(resourceLinksIn(`[guiden](${origin}/knowledge/${id}/#afsnit)`, origin)).toEqual([id]);
    expect(resourceLinksIn(`**${origin}/knowledge/${id.toUpperCase()}?a=1**`, origin)).toEqual([id]);
  });

  it('finds a bare /knowledge path standing on its own', () => {
    expect(resourceLinksIn(`Se /knowledge/${id}.`, origin)).toEqual([id]);
    expect(resourceLinksIn(`- (/knowledge/${id})`, origin)).toEqual([id]);
    expect(resourceLinksIn(`> /knowledge/${id}`, origin)).toEqual([id]);
  });

  it('never takes another origin, another page or code', () => {
    expect(resourceLinksIn(`https://evil.example/knowledge/${id}`, origin)).toEqual([]);
    expect(resourceLinksIn(`http://spejl.example/knowledge/${id}`, origin)).toEqual([]);
    expect(resourceLinksIn(`https://spejl.example.evil.example/knowledge/${id}`, origin)).toEqual([]);
    expect(resourceLinksIn(`https://evil.example/x/knowledge/${id}`, origin)).toEqual([]);
    expect(resourceLinksIn(`${origin}/knowledge/${id}/edit`, origin)).toEqual([]);
    expect(resourceLinksIn(`/knowledge/${id}/edit`, origin)).toEqual([]);
    expect(resourceLinksIn(`/knowledge/${id}x`, origin)).toEqual([]);
    expect(resourceLinksIn(`\`${origin}/knowledge/${id}\``, origin)).toEqual([]);
    expect(resourceLinksIn(`\`\`\`\n/knowledge/${id}\n\`\`\``, origin)).toEqual([]);
    expect(resourceIdOf(`https://user:pw@spejl.example/knowledge/${id}`, origin)).toBeNull();
  });

  it('takes each resource once, at most three, in the order the text links them', () => {
    const ids = ['a', 'b', 'c', 'd'].map((letter) => `${letter.repeat(8)}-1111-4111-8111-111111111111`);
    const body = [other, id, other, ...ids].map((each) => `${origin}/knowledge/${each}`).join(' ');
    expect(resourceLinksIn(body, origin)).toEqual([other, id, ids[0]]);
  });
});
