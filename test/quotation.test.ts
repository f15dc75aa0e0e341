import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDialogueSpans } from '../src/core/mentions/quotation';

/** The speech in a text, as the quotation state reads it. */
function speech(text: string): string[] {
  return findDialogueSpans(text).map(([start, end]) => text.slice(start, end));
}

test('quotation: British single quotes open and close dialogue; the attribution outside is narration', () => {
  assert.deepEqual(speech("'Data would have hated this,' said Picard."), ["'Data would have hated this,'"]);
  assert.deepEqual(speech('‘Tell him Q is here,’ Data said.'), ['‘Tell him Q is here,’']);
  assert.deepEqual(speech("'Wait.' He turned. 'No. Go.'"), ["'Wait.'", "'No. Go.'"]);
});

test('quotation: apostrophes are no quotes — contractions, elisions, plural possessives, dropped letters', () => {
  assert.deepEqual(speech("He didn't come at six o'clock; he gave 'em the Rikers' old house and Worf's bat'leth."), []);
  assert.deepEqual(speech("The winter of '89 and ’95 were cold; rock 'n' roll."), []);
  assert.deepEqual(speech("'I was runnin' all day, and the Rikers' dog with me,' said Wiggins."), ["'I was runnin' all day, and the Rikers' dog with me,'"]);
  assert.deepEqual(speech("'Telegram for Mr 'Olmes,' he said."), ["'Telegram for Mr 'Olmes,'"]);
});

test('quotation: nested quotes inside double-quoted speech do not end it', () => {
  assert.deepEqual(speech(`"He said, 'Send for my brother,' and left," Mycroft said.`), [`"He said, 'Send for my brother,' and left,"`]);
  assert.deepEqual(speech(`'He wrote "run" on the wall,' said Holmes.`), [`'He wrote "run" on the wall,'`]);
});

test('quotation: guillemets, German guillemets, curly and straight double quotes', () => {
  assert.deepEqual(speech('« Data is here, » he said. »Ja«, sagte sie. “Yes.” "No."'), ['« Data is here, »', '»Ja«', '“Yes.”', '"No."']);
});

test('quotation: em-dash dialogue, with the attribution incise carved out and the speech resuming after it', () => {
  assert.deepEqual(speech('— You are late, said Picard. Sit down.'), ['— You are late', ' Sit down.']);
  assert.deepEqual(speech('— The woman is dead, he said.'), ['— The woman is dead']);
  assert.deepEqual(speech('— And the woman? I asked, for I had seen her.'), ['— And the woman?']);
  assert.deepEqual(speech('— Where is he? asked Worf.'), ['— Where is he?']);
  assert.deepEqual(speech('—I am never late —said Irene—. Never.'), ['—I am never late', '. Never.']);
  assert.deepEqual(speech('He waited — and then he left.'), [], 'a dash inside a sentence opens no speech');
});

test('quotation: speech runs across a hard line break, and a blank line ends it', () => {
  const wrapped = "'Holmes! Holmes, are you\nawake? It's the bell,' said Trevor.\n\n'Unclosed\n\nNarration.";
  assert.deepEqual(speech(wrapped), ["'Holmes! Holmes, are you\nawake? It's the bell,'", "'Unclosed"]);
});

test('quotation: a scare quote after a word closes at the next closing quote, even after a letter', () => {
  assert.deepEqual(speech("The so-called 'Napoleon of crime' was Moriarty. Moriarty walked in."), ["'Napoleon of crime'"]);
  assert.deepEqual(speech("He said 'go away' and left."), ["'go away'"]);
  assert.deepEqual(speech("'The Rikers' dog is loose,' she said."), ["'The Rikers' dog is loose,'"], 'opening speech: a plural possessive stays inside');
});
