import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LinkedText, splitLinks } from './linked-text';

describe('splitLinks', () => {
  it('finds http and https addresses, leaving sentence punctuation outside them', () => {
    expect(splitLinks('Answer at https://tracker.example/respond/abc123. Or see http://x.example/a?b=1&c=2, then reply.')).toEqual([
      { text: 'Answer at ' },
      { url: 'https://tracker.example/respond/abc123' },
      { text: '. Or see ' },
      { url: 'http://x.example/a?b=1&c=2' },
      { text: ', then reply.' },
    ]);
  });

  it('leaves other schemes and bare words as text', () => {
    expect(splitLinks('Write to mailto:lead@police.example or javascript:alert(1) or tracker.example')).toEqual([
      { text: 'Write to mailto:lead@police.example or javascript:alert(1) or tracker.example' },
    ]);
  });
});

describe('LinkedText', () => {
  it('keeps the text and its lines, with each address a link to itself', () => {
    render(<LinkedText text={'Dear Sam,\n\nPost an update:\nhttp://localhost:3000/respond/tok_1\n\nThanks'} />);
    expect(screen.getByRole('link', { name: 'http://localhost:3000/respond/tok_1' })).toHaveAttribute('href', 'http://localhost:3000/respond/tok_1');
    expect(screen.getByText(/Dear Sam,/).textContent).toBe('Dear Sam,\n\nPost an update:\nhttp://localhost:3000/respond/tok_1\n\nThanks');
  });
});
