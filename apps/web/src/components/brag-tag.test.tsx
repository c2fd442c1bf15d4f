import { BRAG_RATINGS, LABELS } from '@lrt/contracts';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BragTag } from './brag-tag';

describe('BragTag', () => {
  it.each(BRAG_RATINGS)('shows the word for %s, not only a colour', (brag) => {
    render(<BragTag brag={brag} />);
    const tag = screen.getByText(LABELS.brag[brag]);
    expect(tag).toBeVisible();
    expect(tag.closest('strong')).toHaveTextContent(`BRAG rating: ${LABELS.brag[brag]}`);
  });

  it('says a withdrawn action is not rated', () => {
    render(<BragTag brag={null} />);
    expect(screen.getByText('Not rated')).toBeVisible();
  });

  it('shows the reason when asked to', () => {
    render(<BragTag brag="red" reason="overdue since 31 March 2026" showReason />);
    expect(screen.getByText('overdue since 31 March 2026')).toBeVisible();
  });

  it('gives the reason to screen readers in tables', () => {
    render(<BragTag brag="amber" reason="no update for 60 days" />);
    expect(screen.getByText(/no update for 60 days/)).toHaveClass('govuk-visually-hidden');
  });
});
