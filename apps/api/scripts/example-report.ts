/**
 * Writes the README's example board assurance report from the demo partnership:
 * `pnpm --filter @lrt/api example:report` → docs/examples/board-assurance-report.docx (the whole partnership as at
 * today, compared with a board snapshot taken three months before) and board-assurance-report.json beside it.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@lrt/db/testing';
import { seedDemo } from '@lrt/db/seed';
import { addMonths, londonToday } from '@lrt/domain';
import { AssuranceReportQuery } from '@lrt/contracts';
import { buildAssuranceReport } from '../src/modules/reports/reports.service';
import { renderAssuranceDocx } from '../src/modules/reports/render-docx';
import { createSnapshot } from '../src/modules/snapshots/snapshots.service';
import { ukDate } from '../src/modules/reports/report-text';

const now = new Date('2026-11-30T16:00:00.000Z');
const db = await createTestDatabase();
await seedDemo(db, { now });
const today = londonToday(now);
const boardDay = addMonths(today, -3);
const board = await createSnapshot(db, { name: `Board, ${ukDate(boardDay)}`, asAt: boardDay }, now, { id: null, name: 'Business unit' });
const report = await buildAssuranceReport(db, AssuranceReportQuery.parse({ compareTo: String(board.id), from: addMonths(today, -6) }), now);
const out = (name: string) => fileURLToPath(new URL(`../../../docs/examples/${name}`, import.meta.url));
writeFileSync(out('board-assurance-report.docx'), await renderAssuranceDocx(report));
writeFileSync(out('board-assurance-report.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`Wrote ${out('board-assurance-report.docx')} (${report.totals.actions} actions as at ${report.asAt}).`);
