import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeProgressUpdate } from '@/features/dashboard/test-factories';
import { makeAgency } from '@/test/factories';
import { jsonResponse, renderAt } from '@/test/render';
import { ProgressTimeline } from './progress-timeline';

const agencies = new Map([[1, makeAgency()]]);

const history = [
  makeProgressUpdate({
    id: 43,
    kind: 'assurance',
    authorName: 'Priya Shah',
    agencyId: null,
    createdAt: '2026-04-02T10:00:00.000Z',
    confidence: null,
    note: 'Assured at the April subgroup.',
    statusChange: { from: 'completed', to: 'assured' },
    evidence: [],
    evidenceOfImpact: 'Re-audit: 18 of 20 children seen alone, up from 6.',
  }),
  makeProgressUpdate({
    id: 42,
    createdAt: '2026-03-20T10:00:00.000Z',
    note: 'Re-audit attached.',
    statusChange: { from: 'in_progress', to: 'completed' },
    evidence: [
      { label: 'Re-audit of 20 cases', fileId: 91, name: 'Re-audit-of-twenty-cases-in-the-west-midlands-response-teams.pdf', size: 1_258_291, contentType: 'application/pdf' },
      { label: 'Briefing register', url: 'https://intranet.example/briefings' },
    ],
  }),
  makeProgressUpdate({
    id: 41,
    kind: 'return',
    authorName: 'Priya Shah',
    agencyId: null,
    createdAt: '2026-03-02T15:00:00.000Z',
    confidence: null,
    note: 'What did the re-audit find about the voice of the child?',
    question: 'What did the re-audit find about the voice of the child?',
    replyBy: '2026-03-30',
    statusChange: { from: 'completed', to: 'in_progress' },
    evidence: [],
  }),
];

describe('ProgressTimeline', () => {
  it('reads sign-off decisions as decisions, with no confidence, and lists documents as downloads', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => jsonResponse({ items: history, nextCursor: null })));
    renderAt(<ProgressTimeline actionId={7} agencies={agencies} />, { url: '/actions/7' });

    const timeline = await screen.findByRole('list', { name: 'Progress updates, newest first' });
    // The entries, not the evidence items inside them.
    const entries = [...timeline.children];
    const [assured, completed, returned] = entries as [HTMLElement, HTMLElement, HTMLElement];

    expect(within(assured).getByRole('heading', { name: 'Assured by Priya Shah' })).toBeInTheDocument();
    expect(assured).toHaveTextContent('Evidence of impact: Re-audit: 18 of 20 children seen alone, up from 6.');
    expect(assured).not.toHaveTextContent('Confidence');

    expect(within(returned).getByRole('heading', { name: 'Returned for more information by Priya Shah' })).toBeInTheDocument();
    expect(within(returned).getByText('What did the re-audit find about the voice of the child?')).toBeInTheDocument();
    expect(returned).toHaveTextContent('Answer due by 30 March 2026');
    expect(returned).not.toHaveTextContent('Confidence');

    expect(within(completed).getByRole('heading', { name: 'Status changed from In progress to Completed' })).toBeInTheDocument();
    expect(completed).toHaveTextContent('Confidence: On track');
    const download = within(completed).getByRole('link', { name: 'Re-audit of 20 cases (download)' });
    expect(download).toHaveAttribute('href', '/api/evidence/91');
    expect(download).toHaveAttribute('download');
    expect(completed).toHaveTextContent('(Re-audit-of-twenty-cases-in-the-west-midlands-response-teams.pdf, 1.2 MB, PDF)');
    expect(within(completed).getByRole('link', { name: 'Briefing register' })).toHaveAttribute('href', 'https://intranet.example/briefings');
  });

  it("marks a chair's comment as a comment, in words, and the business unit's update as posted on an agency's behalf", async () => {
    const entries = [
      makeProgressUpdate({
        id: 52,
        kind: 'comment',
        postedAs: 'subgroup_chair',
        authorName: 'Priya Shah',
        agencyId: null,
        confidence: null,
        evidence: [],
        note: 'The subgroup asks for the re-audit figures.',
      }),
      makeProgressUpdate({ id: 51, postedAs: 'business_unit', authorName: 'Alex Morgan', note: 'From the agency by email.', evidence: [] }),
      makeProgressUpdate({ id: 50, postedAs: 'agency', authorName: 'Sam Patel', evidence: [] }),
    ];
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => jsonResponse({ items: entries, nextCursor: null })));
    renderAt(<ProgressTimeline actionId={7} agencies={agencies} />, { url: '/actions/7' });

    const timeline = await screen.findByRole('list', { name: 'Progress updates, newest first' });
    const [comment, onBehalf, own] = [...timeline.children] as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(comment).getByRole('heading', { name: 'Comment from the subgroup chair' })).toBeInTheDocument();
    expect(comment).toHaveTextContent('by Priya Shah');
    expect(comment).toHaveTextContent('not a progress update from the agency');
    expect(comment).not.toHaveTextContent('Confidence');
    expect(onBehalf).toHaveTextContent('by Alex Morgan on behalf of West Midlands Police');
    expect(own).toHaveTextContent('by Sam Patel, West Midlands Police');
  });

  it('says which spreadsheet an imported note came from, next to who imported it', async () => {
    const entries = [
      makeProgressUpdate({ id: 61, authorName: 'Alex Morgan', postedAs: null, note: 'Audit completed. All 10 cases involved youth violence.', evidence: [], importedFrom: 'SD-2022 action plan.xlsx' }),
      makeProgressUpdate({ id: 60, authorName: 'Sam Patel', postedAs: 'agency', evidence: [] }),
    ];
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => jsonResponse({ items: entries, nextCursor: null })));
    renderAt(<ProgressTimeline actionId={7} agencies={agencies} />, { url: '/actions/7' });

    const timeline = await screen.findByRole('list', { name: 'Progress updates, newest first' });
    const [imported, typed] = [...timeline.children] as [HTMLElement, HTMLElement];
    expect(imported).toHaveTextContent('Progress note by Alex Morgan, West Midlands Police. Imported from SD-2022 action plan.xlsx');
    expect(imported).toHaveTextContent('Audit completed. All 10 cases involved youth violence.');
    expect(typed).not.toHaveTextContent('Imported from');
  });
});
