/**
 * The services the web app uses, in one server-only module: route modules import from here,
 * so no server code (database, Node built-ins) can reach the browser bundle.
 */
export { ForbiddenError, NotFoundError, UnavailableError } from '../../src/services/errors.ts';
export {
  readReportPdf,
  readReportRunOverview,
  startReportRun,
} from '../../src/services/report-files-service.ts';
export { reportPdfPath } from '../../src/services/links.ts';
export { can, rolesAllowed } from '../../src/services/permissions.ts';
export { toFieldIssues } from '../../src/services/validation.ts';
export {
  findRecentlyEndedSession,
  logIn,
  logOut,
  ROLE_LABELS,
} from '../../src/services/auth-service.ts';
export {
  listMissingItems,
  listSections,
  listUnconfirmedItems,
  reopenQuestionnaire,
  saveAnswers,
  STATUS_LABELS,
  submitQuestionnaire,
  summarizeProgress,
  summarizeQuestionnaire,
} from '../../src/services/questionnaire-service.ts';
export {
  createRoundFromForm,
  listRoundChoices,
  listVisibleRounds,
  loadRoundOverview,
  percentOf,
  previewStatusChange,
  type RoundOverview,
} from '../../src/services/round-overview-service.ts';
export {
  readRoundTableQuery,
  selectRoundTable,
  writeRoundTableQuery,
  type RoundTableQuery,
  type TableSort,
} from '../../src/services/round-table-service.ts';
export { listPageNumbers } from '../../src/domain/municipality-table.ts';
export { changeRoundStatus, ROUND_STATUS_LABELS } from '../../src/services/round-service.ts';
// Prefilled follow-up (issue 11, helper C).
export { listPreviousRoundChoices, setRoundPrefill } from '../../src/services/prefill-service.ts';
export {
  listPublishedRounds,
  loadOpenData,
  loadPublicAnalysis,
  previewPublication,
  publishRound,
  readPublication,
  unpublishRound,
} from '../../src/services/publication-service.ts';
export {
  acceptInvitation,
  CandidateSelectionSchema,
  countInvitations,
  INVITATION_PROBLEMS,
  inviteMunicipalities,
  prepareInvitations,
  previewReminders,
  readInvitation,
  REMINDER_PAUSE_HOURS,
  sendReminders,
} from '../../src/services/invitation-service.ts';
export { listOutbox } from '../../src/services/mail-service.ts';
export {
  CATEGORY_LABELS,
  countsTowardsResponse,
  readParticipations,
  REASON_LABELS,
  REASONS,
  RESPONSE_CATEGORIES,
  setParticipation,
} from '../../src/services/participation-service.ts';
export { findBoundaryRegister } from '../../src/services/geography.ts';
export {
  CATEGORY_COLOURS,
  drawOverviewMap,
  loadResponseMap,
} from '../../src/services/map-service.ts';
export {
  keepPendingForm,
  takePendingForm,
  toEntries,
} from '../../src/services/pending-form-service.ts';
export {
  isResetTokenValid,
  requestPasswordReset,
  RESET_LINK_PROBLEM,
  resetPassword,
} from '../../src/services/password-reset-service.ts';
export {
  assignAdvisorProvinces,
  changeAccountAccess,
  createAccountFromForm,
  listAccountEvents,
  listAccounts,
  listProvinces,
  readAccount,
  readAdvisor,
  WELCOME_LINK_DAYS,
} from '../../src/services/account-service.ts';
export {
  DEFAULT_TOKEN_DAYS,
  issueApiToken,
  listApiTokens,
  MAX_TOKEN_DAYS,
  revokeApiToken,
} from '../../src/services/api-token-service.ts';
export { exportAuditTrail, searchAuditTrail } from '../../src/services/audit-trail-service.ts';
export { loadHome, type HomeSummary, type RoundResponse } from '../../src/services/home-service.ts';
export {
  confirmImportUpload,
  loadImportPage,
  previewImportUpload,
  storeImportUpload,
  uploadImportFile,
  type ImportPreview,
} from '../../src/services/import/import-upload-service.ts';
export { loadMunicipalityReport } from '../../src/services/report-service.ts';
export { drawReportFigures } from '../../src/services/report-figures.ts';
export { drawNationalReportFigures } from '../../src/services/national-report-figures.ts';
export {
  buildNationalReportFromView,
  readNationalReportPdf,
} from '../../src/services/national-report-service.ts';
export {
  deletePeerSet,
  listPeerSetCandidates,
  listPeerSets,
  MAX_MANUAL_MEMBERS,
  PEER_SET_KIND_LABELS,
  PEER_SET_KINDS,
  preparePeerSetForm,
  readPeerSet,
  savePeerSetFromForm,
  type PeerSetKind,
} from '../../src/services/peer-set-service.ts';
export {
  MAX_REPORT_NOTE_LENGTH,
  readReportNote,
  ReportNoteConflictError,
  saveReportNote,
} from '../../src/services/report-note-service.ts';
export {
  loadConsentPage,
  readNamedConsents,
  setNamedConsent,
} from '../../src/services/consent-service.ts';
export {
  listRegionChoices,
  loadRegion,
  MAX_REGION_MEMBERS,
} from '../../src/services/region-service.ts';
export {
  NO_ANSWERS_COLOUR,
  REGION_MAP_CLASSES,
  UNNAMED_COLOUR,
} from '../../src/services/region-map.ts';
// Issue 10: the analysis dashboard.
export {
  loadDashboard,
  loadDashboardTable,
  loadDashboardTables,
  loadMunicipalityMarks,
  type Dashboard,
} from '../../src/services/dashboard-service.ts';
export * as dashboardTables from '../../src/services/dashboard-tables.ts';
export * as analysisCharts from '../../src/services/charts/analysis-charts.ts';
export { writeFilterParams } from '../../src/domain/analysis-filter.ts';
export { GROUPS, SIZE_CLASSES } from '../../src/domain/register.ts';
export {
  listCrossTabChoices,
  listRoundProvinces,
  loadCrossTabView,
  parseCrossTabParams,
  type CrossTabView,
} from '../../src/services/crosstab-service.ts';
export {
  describeAssociation,
  describeWithheld,
  formatDecimal,
} from '../../src/services/crosstab-text.ts';
export { exportCrossTab } from '../../src/services/crosstab-files.ts';
export {
  loadExportPage,
  mayExportAnswers,
  readAnswersExportFile,
} from '../../src/services/export/answers-export-files.ts';
export {
  OPEN_DATA_LICENCE,
  OPEN_DATA_LICENCE_LABEL,
  writeOpenDataCsv,
  type OpenDataDocument,
} from '../../src/services/open-data.ts';
export {
  formatPercentValue,
  renderBarChart,
  renderItemStackChart,
  renderProvinceChoropleth,
  renderShareChart,
  summarizeBars,
  summarizeItems,
  SUPPRESSED_TEXT,
} from '../../src/services/charts/analysis-charts.ts';
// Instrument versions (issue 11, helper B).
export {
  findDerivedVersion,
  listInstrumentHistory,
  listInstrumentVersionsFor,
  readInstrumentVersion,
} from '../../src/services/instrument-service.ts';
export {
  addInstrumentFromUpload,
  copyInstrumentFromForm,
  describeMapping,
  findQuestionnaire,
  MAPPING_CHOICES,
  prepareInstrumentCopy,
  prepareInstrumentEditing,
  removeItemFromForm,
  saveBasisfunctieFromForm,
  saveItemFromForm,
  writeOptionLines,
} from '../../src/services/instrument-editor-service.ts';
export { diffInstruments } from '../../src/instruments/instrument-versioning.ts';
// Issue 11 (helper D): trends.
export { loadMunicipalityTrendFor, loadTrendPage } from '../../src/services/trend-service.ts';
export { buildMunicipalityTrendView, buildTrendPageView } from '../../src/services/trend-view.ts';
// Issue 12, helper A: advice talks.
export {
  assertMayRecordTalks,
  createTalk,
  listTalkChoices,
  listTalks,
  readTalk,
  readTalkEditor,
  TalkConflictError,
  updateTalk,
  type Talk,
  type TalkEditor,
} from '../../src/services/advice-talk-service.ts';
// Issue 12, helper B: following up actions, inviting to a talk, the weekly digest.
export {
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  type ActionStatus,
} from '../../src/domain/improvement.ts';
export {
  ActionConflictError,
  addActionComment,
  listOpenActions,
  listOverdueActions,
  MAX_ACTION_COMMENT_LENGTH,
  MAX_STATUS_REASON_LENGTH,
  readAction,
  updateActionStatus,
  type ActionSummary,
} from '../../src/services/advice-action-service.ts';
export {
  MAX_INVITATION_RECIPIENTS,
  readTalkCalendar,
  readTalkForInvitation,
  sendTalkInvitation,
} from '../../src/services/talk-invitation-service.ts';
export { readDigestSetting, setWeeklyDigest } from '../../src/services/action-digest-service.ts';
export { readAttachments, readOutboxAttachment } from '../../src/services/mail-service.ts';
// Issue 12 (helper D): the national view of the advice talks.
export { loadTalkStatistics } from '../../src/services/talk-statistics-service.ts';
export { buildTalkStatisticsView } from '../../src/services/talk-statistics-view.ts';
// Issue 12 (helper C): the Wmo plans and the 75% target.
export {
  confirmWmoPlan,
  loadWmoPlanIndicator,
  MAX_WMO_PLAN_TITLE_LENGTH,
  readWmoPlan,
  saveWmoPlan,
  setWmoPlanTarget,
  WmoPlanConflictError,
} from '../../src/services/wmo-plan-service.ts';
export { importWmoPlanUpload } from '../../src/services/import/wmo-plan-import.ts';
export { ImportRejectedError } from '../../src/services/import/import-service.ts';
export { AnswerFileError } from '../../src/services/import/read-answer-file.ts';
// Issue 13 (helper C): the coded answers of an open question as files.
export { exportCodedOpenAnswers } from '../../src/services/open-answers/open-answer-export.ts';
