import { ACTION_STATUSES, LABELS } from '@lrt/contracts/constants';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BragTag } from './brag-tag';
import { StatusTag } from './status-tag';

describe('StatusTag', () => {
  it.each(ACTION_STATUSES)('shows %s in words, outlined', (status) => {
    render(<StatusTag status={status} />);
    expect(screen.getByText(LABELS.actionStatus[status])).toHaveClass('govuk-tag', 'app-status-tag');
  });

  it('never looks like a BRAG rating: "Completed" beside "Green" are two different tags', () => {
    render(
      <>
        <StatusTag status="completed" />
        <BragTag brag="green" />
      </>,
    );
    const status = screen.getByText('Completed');
    const brag = screen.getByText('Green').closest('strong')!;
    expect(status).not.toHaveClass('app-brag-tag');
    expect(brag).toHaveClass('app-brag-tag', 'app-brag-tag--green');
    expect(brag).not.toHaveClass('app-status-tag');
    // Neither borrows GOV.UK's tinted colours, which made both read as pale green.
    expect(status.className).not.toMatch(/govuk-tag--/);
    expect(brag.className).not.toMatch(/govuk-tag--/);
  });
});
