import type { Item } from '../../src/domain/instrument.ts';
import type { AppLoadContext } from 'react-router';
import type { StaffSession } from '../../src/services/auth-service.ts';
import {
  loadQuestionnaire,
  type QuestionnaireKey,
} from '../../src/services/questionnaire-service.ts';
import { handleErrors } from './http.server';

export function keyFromParams(params: {
  roundId?: string;
  code?: string;
  questionnaire?: string;
}): QuestionnaireKey {
  return {
    roundId: params.roundId ?? '',
    municipalityCode: params.code ?? '',
    questionnaire: params.questionnaire ?? '',
  };
}

export function loadForPage(context: AppLoadContext, session: StaffSession, key: QuestionnaireKey) {
  return handleErrors(() => loadQuestionnaire(context.db, session.user, key));
}

export function basePath(key: QuestionnaireKey): string {
  return `/metingen/${encodeURIComponent(key.roundId)}/gemeenten/${key.municipalityCode}`;
}

/** The items of a page as the form posted them (values, notes and the revisions seen). */
export function readSubmittedItems(form: FormData, items: readonly Item[]) {
  const typed = Object.fromEntries(
    items.map((item) => [
      item.number,
      {
        values: form.getAll(`q-${item.number}`).map(String),
        note: String(form.get(`toelichting-${item.number}`) ?? ''),
      },
    ]),
  );
  const submitted = items.map((item) => ({
    question: item.number,
    value:
      item.kind === 'multiple'
        ? (typed[item.number]?.values ?? [])
        : (typed[item.number]?.values[0] ?? null),
    note: typed[item.number]?.note ?? '',
    baseRevision: Number(form.get(`rev-${item.number}`) ?? 0) || 0,
  }));
  return { typed, submitted };
}
