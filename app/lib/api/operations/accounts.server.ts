/** API operations on staff accounts and advisors' provinces. */
import { z } from 'zod';
import {
  assignAdvisorProvinces,
  createAccountFromForm,
  listAccounts,
  NewAccountFormSchema,
  ProvinceAssignmentSchema,
} from '../../../../src/services/account-service.ts';
import { NotFoundError } from '../../../../src/services/errors.ts';
import { AccountSchema, invalid, ok, toAccountJson, user } from '../schemas.server.ts';
import { ApiInputError, type ApiOperation } from '../types.server.ts';

export const ACCOUNT_OPERATIONS: readonly ApiOperation[] = [
  {
    operationId: 'getCurrentAccount',
    method: 'GET',
    path: '/api/me',
    tag: 'accounts',
    permission: 'signed-in',
    summary: 'The account behind the token',
    responses: { 200: { description: 'The account.', schema: AccountSchema } },
    handle: async (api) => {
      const me = user(api);
      return ok(toAccountJson(me));
    },
  },
  {
    operationId: 'listAccounts',
    method: 'GET',
    path: '/api/accounts',
    tag: 'accounts',
    summary: 'All staff accounts',
    permission: 'accounts.manage',
    responses: {
      200: { description: 'The accounts.', schema: z.object({ accounts: z.array(AccountSchema) }) },
    },
    handle: async (api) => {
      const accounts = await listAccounts(api.context.db, user(api));
      return ok({
        accounts: accounts.map(toAccountJson),
      });
    },
  },
  {
    operationId: 'createAccount',
    method: 'POST',
    path: '/api/accounts',
    tag: 'accounts',
    summary: 'Create an account for an advisor, analyst or coordinator',
    description:
      'The new colleague receives an e-mail with a link to choose a password. Municipality accounts come from invitations.',
    permission: 'accounts.manage',
    body: NewAccountFormSchema,
    responses: {
      201: { description: 'Created.', schema: AccountSchema },
      400: invalid,
    },
    handle: async (api) => {
      const result = await createAccountFromForm(api.context.db, api.context.mailer, user(api), {
        form: api.body as Record<string, unknown>,
        links: api.context.links,
      });
      if (!result.ok) throw new ApiInputError(result.issues);
      return ok(toAccountJson(result.account), 201);
    },
  },
  {
    operationId: 'setAdvisorProvinces',
    method: 'PUT',
    path: '/api/accounts/{userId}/provinces',
    tag: 'accounts',
    summary: 'Assign an advisor to provinces',
    permission: 'accounts.manage',
    params: { userId: { description: 'The account id.', pattern: '^\\d+$' } },
    body: ProvinceAssignmentSchema,
    responses: {
      200: {
        description: 'The provinces now assigned.',
        schema: z.object({ provinces: z.array(z.string()) }),
      },
      400: invalid,
    },
    handle: async (api) => {
      const userId = Number(api.params.userId);
      if (!Number.isSafeInteger(userId)) throw new NotFoundError('Dit account bestaat niet.');
      const result = await assignAdvisorProvinces(api.context.db, user(api), {
        userId,
        form: api.body as z.input<typeof ProvinceAssignmentSchema>,
      });
      if (!result.ok) throw new ApiInputError(result.issues);
      return ok({ provinces: result.provinces });
    },
  },
];
