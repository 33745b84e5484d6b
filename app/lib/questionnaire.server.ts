import type { AppLoadContext } from 'react-router';
import type { StaffSession } from '../../src/services/auth-service.ts';
import {
  loadQuestionnaire,
  type QuestionnaireKey,
} from '../../src/services/questionnaire-service.ts';
import { handleErrors } from './session.server';

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
