/** Renders every fixture document into a folder: node dist/test/support/render-fixtures.js <dir> (for looking at). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDecisionDraft } from '../../src/documents/pdf/decision.pdf';
import { renderList, renderSubmission } from '../../src/documents/pdf/dossier.pdf';
import { renderMinutes } from '../../src/documents/pdf/minutes.pdf';
import { renderPledge } from '../../src/documents/pdf/pledge.pdf';
import { renderScoreboard } from '../../src/documents/pdf/scoreboard.pdf';
import { decisionFixture, dossierFixture, minutesFixture, pledgeFixture, scoreboardFixture } from './document-fixtures';

export const FIXTURE_DOCUMENTS: Array<[string, () => Promise<Buffer>]> = [
  ['pledge', () => renderPledge(pledgeFixture())],
  ['pledge-draft', () => renderPledge(pledgeFixture(5, true))],
  ['minutes', () => renderMinutes(minutesFixture())],
  ['submission', () => renderSubmission(dossierFixture())],
  ['list', () => renderList({ ...dossierFixture(), submissionNumber: '01/TTr-CTĐ6' })],
  ['decision', () => renderDecisionDraft(decisionFixture())],
  ['scoreboard', () => renderScoreboard(scoreboardFixture())],
  ['scoreboard-draft', () => renderScoreboard(scoreboardFixture(23, false))],
  // Sixteen criteria: narrow columns.
  ['scoreboard-wide', () => renderScoreboard(scoreboardFixture(14, true, 16))],
];

if (require.main === module) {
  const dir = process.argv[2] ?? 'artifacts/layout';
  mkdirSync(dir, { recursive: true });
  void (async () => {
    for (const [name, render] of FIXTURE_DOCUMENTS) writeFileSync(join(dir, `${name}.pdf`), await render());
  })();
}
