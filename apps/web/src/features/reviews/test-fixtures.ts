import type { LearningPoint, Recommendation, Review } from '@lrt/contracts';
import { vi } from 'vitest';
import { makeAgency } from '@/test/factories';
import { jsonResponse } from '@/test/render';

/** A review as the API sends it: LCSPR "SD-2022", under way, with no subgroup or themes unless given. */
export function makeReview(overrides: Partial<Review> = {}): Review {
  return {
    id: 3,
    code: 'SD-2022',
    type: 'lcspr',
    childPseudonym: 'SD',
    title: 'Local child safeguarding practice review: SD',
    stage: 'review',
    notifiedOn: '2022-03-01',
    rapidReviewOn: '2022-03-21',
    startedOn: '2022-04-01',
    completedOn: null,
    publishedOn: null,
    leadReviewer: 'Jane Doe',
    subgroupId: null,
    summary: '',
    themeIds: [],
    timeliness: { rapidReviewDueOn: '2022-03-22', rapidReviewLate: false, reviewDueOn: '2022-10-01', reviewLate: true },
    actionCounts: { total: 0, overdue: 0, byBrag: { blue: 0, green: 0, amber: 0, red: 0 } },
    version: 1,
    ...overrides,
  };
}

export const makeLearningPoint = (overrides: Partial<LearningPoint> = {}): LearningPoint => ({
  id: 11,
  reviewId: 3,
  number: 1,
  title: 'The voice of the child was not heard',
  description: '',
  version: 1,
  ...overrides,
});

export const makeRecommendation = (overrides: Partial<Recommendation> = {}): Recommendation => ({
  id: 21,
  reviewId: 3,
  number: 1,
  text: 'The partnership should make sure every agency hears the child.',
  addressee: 'partnership',
  leadAgencyId: null,
  subgroupId: null,
  learningPointIds: [],
  targetDate: null,
  version: 1,
  ...overrides,
});

export const SUBGROUP = { id: 5, name: 'Learning and Practice Review subgroup', shortName: 'LPR', version: 1 };
export const THEMES = [
  { id: 6, name: 'Child’s voice', description: '', version: 1 },
  { id: 7, name: 'Information sharing', description: '', version: 1 },
];
export const AGENCIES = [makeAgency(), makeAgency({ id: 2, name: 'West Midlands Ambulance Service', shortName: 'WMAS', kind: 'health' })];

export interface SentRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

/**
 * The API at the network boundary, holding one review's plan: it answers reads from what it holds, and writes
 * change it, as the real API would (next free number, renumbering). `respond` may answer a request first (an
 * error, a conflict); every request with a body is recorded in `sent`.
 */
export function fakePlanApi({
  review = makeReview(),
  learningPoints = [] as LearningPoint[],
  recommendations = [] as Recommendation[],
  respond,
}: {
  review?: Review;
  learningPoints?: LearningPoint[];
  recommendations?: Recommendation[];
  respond?: (request: SentRequest) => Response | undefined;
} = {}) {
  const state = { review, learningPoints: [...learningPoints], recommendations: [...recommendations] };
  const sent: SentRequest[] = [];
  let nextId = 100;
  const byNumber = <T extends { number: number }>(items: T[]) => [...items].sort((a, b) => a.number - b.number);
  const next = (items: { number: number }[]) => items.reduce((max, item) => Math.max(max, item.number), 0) + 1;

  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const path = url.pathname;
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    const request = { method, path, body };
    if (method !== 'GET') sent.push(request);
    const answer = respond?.(request);
    if (answer) return answer;

    const reviewPath = `/api/reviews/${state.review.id}`;
    if (method === 'GET' && path === '/api/reviews') return jsonResponse({ items: [state.review], nextCursor: null });
    if (method === 'POST' && path === '/api/reviews') {
      state.review = makeReview({ ...(body as Partial<Review>), id: 9, version: 1 });
      return jsonResponse(state.review, { status: 201 });
    }
    if (method === 'GET' && path === reviewPath) return jsonResponse(state.review);
    if (method === 'PATCH' && path === reviewPath) {
      state.review = { ...state.review, ...(body as Partial<Review>), version: state.review.version + 1 };
      return jsonResponse(state.review);
    }
    if (method === 'GET' && path === `${reviewPath}/learning-points`) return jsonResponse({ items: byNumber(state.learningPoints), nextCursor: null });
    if (method === 'POST' && path === `${reviewPath}/learning-points`) {
      const point = makeLearningPoint({ description: '', ...(body as Partial<LearningPoint>), id: nextId++, reviewId: state.review.id, number: (body?.number as number) ?? next(state.learningPoints) });
      state.learningPoints.push(point);
      return jsonResponse(point, { status: 201 });
    }
    if (method === 'POST' && path === `${reviewPath}/learning-points/order`) {
      const ids = body?.ids as number[];
      state.learningPoints = ids.map((id, index) => {
        const point = state.learningPoints.find((p) => p.id === id)!;
        return point.number === index + 1 ? point : { ...point, number: index + 1, version: point.version + 1 };
      });
      return jsonResponse({ items: state.learningPoints });
    }
    const pointMatch = /^\/api\/learning-points\/(\d+)$/.exec(path);
    if (method === 'PATCH' && pointMatch) {
      const index = state.learningPoints.findIndex((p) => p.id === Number(pointMatch[1]));
      const { version: _version, ...changes } = body ?? {};
      state.learningPoints[index] = { ...state.learningPoints[index]!, ...(changes as Partial<LearningPoint>), version: state.learningPoints[index]!.version + 1 };
      return jsonResponse(state.learningPoints[index]);
    }
    if (method === 'GET' && path === '/api/recommendations') return jsonResponse({ items: byNumber(state.recommendations), nextCursor: null });
    if (method === 'POST' && path === '/api/recommendations') {
      const recommendation = makeRecommendation({ ...(body as Partial<Recommendation>), id: nextId++, number: (body?.number as number) ?? next(state.recommendations) });
      state.recommendations.push(recommendation);
      return jsonResponse(recommendation, { status: 201 });
    }
    if (method === 'POST' && path === `${reviewPath}/recommendations/order`) {
      const ids = body?.ids as number[];
      state.recommendations = ids.map((id, index) => ({ ...state.recommendations.find((r) => r.id === id)!, number: index + 1 }));
      return jsonResponse({ items: state.recommendations });
    }
    const recommendationMatch = /^\/api\/recommendations\/(\d+)$/.exec(path);
    if (method === 'PATCH' && recommendationMatch) {
      const index = state.recommendations.findIndex((r) => r.id === Number(recommendationMatch[1]));
      const { version: _version, ...changes } = body ?? {};
      state.recommendations[index] = { ...state.recommendations[index]!, ...(changes as Partial<Recommendation>), version: state.recommendations[index]!.version + 1 };
      return jsonResponse(state.recommendations[index]);
    }
    if (path === '/api/agencies') return jsonResponse({ items: AGENCIES, nextCursor: null });
    if (path === '/api/subgroups') return jsonResponse({ items: [SUBGROUP], nextCursor: null });
    if (path === '/api/themes') return jsonResponse({ items: THEMES, nextCursor: null });
    return jsonResponse({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { state, sent, fetchMock };
}

/** An RFC 9457 problem, as the API sends it. */
export const problem = (status: number, code: string, extra: { errors?: { path: string; message: string }[]; current?: unknown; detail?: string } = {}) =>
  jsonResponse({ type: 'about:blank', title: 'Refused', status, detail: extra.detail ?? code, code, ...extra }, { status });
