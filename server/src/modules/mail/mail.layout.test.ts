import { describe, expect, it } from 'vitest';
import { renderMailHtml, textToHtml } from './mail.layout.ts';

describe('textToHtml', () => {
  it('escapes everything: a name is never markup', () => {
    const html = textToHtml('Hej <script>alert(1)</script> & "Bo" \'x\' $& $1');
    expect(html).toBe(
      '<p>Hej &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bo&quot; &#39;x&#39; $&amp; $1</p>',
    );
  });

  it('makes paragraphs of blank-line blocks, a line of its own with an address a button, inline addresses links', () => {
    const html = textToHtml(
      'Klik her:\nhttps://spejl.example/verify-email?token=a&b=1\n\nSe https://spejl.example/help, tak.',
    );
    expect(html).toContain('<p>Klik her:</p>');
    expect(html).toMatch(
      /<p><a class="spejl-button" style="[^"]+" href="https:\/\/spejl\.example\/verify-email\?token=a&amp;b=1">spejl\.example\/verify-email<\/a><\/p>/,
    );
    expect(html).toContain(
      '<p>Se <a style="color: #0b5563; text-decoration: underline;" href="https://spejl.example/help">https://spejl.example/help</a>, tak.</p>',
    );
  });

  it('makes a list of "- " lines, each followed by its address, a list of links named by the line', () => {
    const html = textToHtml(
      '- Cystisk fibrose: 3 nye beskeder\nhttps://spejl.example/groups/1/chat\n- Rett <3\nhttps://spejl.example/groups/2/chat',
    );
    expect(html).toMatch(
      /^<ul><li><a [^>]*href="https:\/\/spejl\.example\/groups\/1\/chat">Cystisk fibrose: 3 nye beskeder<\/a><\/li><li><a [^>]*>Rett &lt;3<\/a><\/li><\/ul>$/,
    );
  });
});

describe('renderMailHtml', () => {
  it('puts the text in the one layout, in the mail’s language', async () => {
    const danish = await renderMailHtml({
      subject: 'Bekræft <din> adresse',
      text: 'Hej\n\nhttps://spejl.example/x',
    });
    expect(danish).toMatch(/^<!doctype html>\s*<html lang="da"/);
    expect(danish).toContain('<title>Bekræft &lt;din&gt; adresse</title>');
    expect(danish).toContain('>Spejl</div>');
    expect(danish).toContain('href="https://spejl.example/x"');
    expect(danish).not.toContain('%%SPEJL_');
    const english = await renderMailHtml({ subject: 'Hello', text: 'Hello', locale: 'en' });
    expect(english).toMatch(/<html lang="en"/);
    expect(english).toContain('A community for families living with rare diseases');
  });
});
